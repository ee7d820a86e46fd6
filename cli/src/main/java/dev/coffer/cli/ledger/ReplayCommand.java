package dev.coffer.cli.ledger;

import dev.coffer.cli.CofferCommand;
import dev.coffer.cli.Durations;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.KafkaOptions;
import dev.coffer.cli.UsageException;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coffer ledger replay}. */
@Command(name = "replay", description = {"Replays the ledger's fold over coffer.ledger-sequence (the log the fold "
    + "applied, in its order) from the start, under a fresh application id, into scratch topics: the rebuild "
    + "that invariant 4 promises, without touching the live ledger.",
    "Prints progress, then a summary of the replayed outcomes (by status and reason); with --verify, also checks "
        + "that every player's replayed outcomes are the live ones, byte for byte. The scratch topics stay for "
        + "inspection unless --delete-scratch."})
public final class ReplayCommand extends CofferCommand {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--application-id", description = "The replay's Kafka Streams application id; must be new "
      + "(default: coffer-ledger-replay-<time>).")
  String applicationId;

  @Option(names = "--scratch-prefix", description = "Prefix of the scratch output topics (default: "
      + "<application-id>.).")
  String scratchPrefix;

  @Option(names = "--sequence-topic", defaultValue = "coffer.ledger-sequence",
      description = "The sequence topic to replay (default: ${DEFAULT-VALUE}).")
  String sequenceTopic;

  @Option(names = "--outcomes-topic", defaultValue = "coffer.ledger-outcomes",
      description = "The live outcomes --verify compares with (default: ${DEFAULT-VALUE}).")
  String liveOutcomesTopic;

  @Option(names = "--state-dir", description = "Where the replay keeps its RocksDB state (default: a temporary "
      + "folder, deleted afterwards).")
  Path stateDir;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Of the scratch and internal topics "
      + "(default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--max-active-instances", description = "The bound the live ledger runs with, if not the default.")
  Integer maxActiveInstances;

  @Option(names = "--max-state-bytes", description = "The bound the live ledger runs with, if not the default.")
  Long maxStateBytes;

  @Option(names = "--timeout", converter = Durations.class, description = "Give up after this long (e.g. 2h).")
  Duration timeout;

  @Option(names = "--verify", description = "Compare each player's replayed outcomes with the live ones.")
  boolean verify;

  @Option(names = "--delete-scratch", description = "Delete the scratch and internal topics at the end.")
  boolean deleteScratch;

  @Override
  public Integer call() throws Exception {
    final String appId = applicationId != null ? applicationId
        : "coffer-ledger-replay-" + LocalDateTime.now(context().clock())
            .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    final ScratchTopics scratch = new ScratchTopics(scratchPrefix != null ? scratchPrefix : appId + ".",
        replicationFactor);
    final Path state = stateDir != null ? stateDir : Files.createTempDirectory("coffer-replay-");
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      final int partitions = scratch.prepare(admin, sequenceTopic, appId);
      final SequenceProgress progress = SequenceProgress.of(admin, sequenceTopic, partitions, appId);
      err().println("replaying " + sequenceTopic + " (" + partitions + " partitions, " + progress.total()
          + " offsets) under " + appId + " into " + scratch.prefix() + "*");
      final long started = System.nanoTime();
      try (LedgerService replay = LedgerService.replay(config(appId, state), registry -> LedgerService
          .cofferTopics(registry).named(CofferTopics.LEDGER_EVENTS.name(), sequenceTopic, scratch.outcomes(),
              scratch.walletChanges(), scratch.inventoryChanges(), scratch.purchaseLog(), scratch.deadLetters(),
              scratch.purchaseIndex()))) {
        replay.start();
        if (!replay.awaitRunning(START_TIMEOUT)) {
          err().println("the replay did not start: " + replay.failure().map(Throwable::toString)
              .orElse("state " + replay.state()));
          return ExitCodes.FAILED;
        }
        if (!await(replay, progress, started)) {
          return ExitCodes.FAILED;
        }
      }
      final double seconds = (System.nanoTime() - started) / 1e9;
      final int result = summarize(scratch, progress.total(), seconds);
      if (deleteScratch) {
        scratch.delete(admin, appId);
        err().println("deleted " + scratch.prefix() + "* and " + appId + "'s internal topics");
      }
      return result;
    } finally {
      if (stateDir == null) {
        deleteTree(state);
      }
    }
  }

  private boolean await(final LedgerService replay, final SequenceProgress progress, final long started)
      throws InterruptedException {
    final long deadline = timeout == null ? Long.MAX_VALUE : started + timeout.toNanos();
    while (true) {
      final long done = progress.done();
      final double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      err().println(String.format(Locale.ROOT, "replayed %,d/%,d offsets (%d%%), %,.0f/s", done,
          progress.total(), progress.total() == 0 ? 100 : done * 100 / progress.total(), done / seconds));
      err().flush();
      if (done >= progress.total()) {
        return true;
      }
      if (replay.failed() || replay.failure().isPresent()) {
        err().println("the replay failed: " + replay.failure().map(Throwable::toString).orElse("ERROR"));
        return false;
      }
      if (System.nanoTime() > deadline) {
        err().println("stopped after --timeout " + timeout + " at " + done + " of " + progress.total());
        return false;
      }
      TimeUnit.SECONDS.sleep(1);
    }
  }

  private int summarize(final ScratchTopics scratch, final long offsets, final double seconds) {
    try (RestSchemaRegistry registry = new RestSchemaRegistry(kafka.registryUrl())) {
      final Deserializer<LedgerOutcome> values = new dev.coffer.registry.AvroSerde<>(registry, LedgerOutcome.class,
          false).deserializer();
      final ReplayOutcomes outcomes = ReplayOutcomes.read(kafka.clientConfig(), scratch.outcomes(), values);
      out().println(String.format(Locale.ROOT, "replayed %,d offsets of %s in %.1f s: %,d outcomes for %,d "
          + "players %s", offsets, sequenceTopic, seconds, outcomes.outcomes(), outcomes.players(),
          outcomes.byStatus()));
      if (!outcomes.byReason().isEmpty()) {
        out().println("  rejected by reason: " + outcomes.byReason());
      }
      out().println("  outputs: " + scratch.prefix() + "{ledger-outcomes, wallet-changes, inventory-changes, "
          + "purchase-log, purchase-index, ledger-dead-letters}");
      if (!verify) {
        return ExitCodes.OK;
      }
      final List<String> differing = outcomes.differences(kafka.clientConfig(), liveOutcomesTopic, values, 10);
      if (differing.isEmpty()) {
        out().println("  verified: every player's replayed outcomes are the first of " + liveOutcomesTopic
            + ", byte for byte");
        return ExitCodes.OK;
      }
      out().println("  NOT the same as " + liveOutcomesTopic + " for: " + String.join("; ", differing));
      return ExitCodes.FAILED;
    }
  }

  private LedgerConfig config(final String appId, final Path state) {
    final Map<String, String> settings = LedgerConfig.singleBroker(kafka.bootstrapServers(), kafka.registryUrl(),
        appId, state);
    settings.put(LedgerConfig.REPLICATION_FACTOR, Short.toString(replicationFactor));
    settings.put(LedgerConfig.MIN_INSYNC_REPLICAS, replicationFactor > 1 ? "2" : "1");
    settings.put(LedgerConfig.HTTP_PORT, "0");
    if (maxActiveInstances != null) {
      settings.put(LedgerConfig.MAX_ACTIVE_INSTANCES, maxActiveInstances.toString());
    }
    if (maxStateBytes != null) {
      settings.put(LedgerConfig.MAX_STATE_BYTES, maxStateBytes.toString());
    }
    kafka.extra().forEach((k, v) -> settings.put(LedgerConfig.KAFKA_PREFIX + k, v));
    try {
      return LedgerConfig.fromMap(settings, Map.of());
    } catch (final RuntimeException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void deleteTree(final Path root) throws IOException {
    if (Files.notExists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (final Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
