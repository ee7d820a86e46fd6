package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerMain;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two instances of one application, one of them a separate JVM started through {@link LedgerMain}
 * with a YAML file and an environment override, killed with SIGKILL while it processes (no close,
 * no commit: its open transaction is left for the broker to abort). The survivor takes its
 * partitions over and finishes: every event has exactly one committed outcome, each player's
 * versions are consecutive, and the final state is the model's.
 */
@Tag("integration")
@Timeout(240)
@ExtendWith(CofferStackExtension.class)
class FailoverTest {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverTest.class);
  private static final int EVENTS = 10_000;
  /** Detect the dead instance quickly: the broker's minimum session timeout. */
  private static final Map<String, String> FAST_FAILOVER = Map.of(
      "kafka.session.timeout.ms", "6000",
      "kafka.heartbeat.interval.ms", "1000",
      // The victim's open transaction blocks its partitions until the broker aborts it.
      "kafka.producer.transaction.timeout.ms", "5000");

  @Test
  void aCrashedInstanceLeavesNoEventAppliedTwice(final CofferStack stack, @TempDir final Path work)
      throws IOException, InterruptedException {
    // LedgerMain runs on Coffer's own topic names: tell this test's records apart by tenant.
    stack.installCofferTopics();
    final LedgerIt.Topics topics = LedgerIt.cofferTopics();
    final String appId = stack.uniqueName("game");
    // One partition per player (the generator's default): the independent model needs a known
    // per-player order, which live the gateway's wait-for-outcome gives; ReplayTest lifts it.
    final LoadGenerator load = new LoadGenerator(99L, appId, 100, CofferTopics.LEDGER_EVENTS.partitions());
    load.generate(EVENTS);
    final String ledgerId = stack.uniqueAppId("ledger-failover");
    final int victimPort = freePort();

    final Process victim = startVictim(stack, ledgerId, victimPort, work);
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        KafkaProducer<String, LedgerEvent> producer = LedgerIt.producer(stack, registry)) {
      Await.until("the victim instance is healthy", Duration.ofSeconds(90),
          () -> alive(victim) && healthy(victimPort));
      final Map<String, String> settings = LedgerIt.settings(stack, ledgerId, work.resolve("survivor-state"));
      settings.putAll(FAST_FAILOVER);
      try (LedgerService survivor = LedgerService.create(LedgerConfig.fromMap(settings))) {
        survivor.start();
        Await.until("both instances own partitions", Duration.ofSeconds(90),
            () -> MixedLoadTest.failIfDead(survivor) && alive(victim) && bothAssigned(stack, ledgerId)
                && survivor.state() == KafkaStreams.State.RUNNING && healthy(victimPort));

        LedgerIt.produce(producer, topics.events(), load.events().subList(0, EVENTS / 2));
        final long decided = countOutcomes(stack, registry, topics, appId, EVENTS / 5, Duration.ofSeconds(90));
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).as("the victim died").isTrue();
        LOG.info("Victim killed (exit {}) with {} of {} produced events decided", victim.exitValue(), decided,
            EVENTS / 2);

        LedgerIt.produce(producer, topics.events(), load.events().subList(EVENTS / 2, EVENTS));
        final LedgerResults results = LedgerResults.read(stack, registry, topics, appId, EVENTS,
            Duration.ofSeconds(150));
        assertThat(survivor.failure()).isEmpty();
        assertThat(survivor.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        results.assertMatches(load.model());

        // What the crash left behind: outcomes written in transactions the broker aborted.
        final long uncommitted = LedgerIt.readAll(stack, topics.outcomes(), LedgerIt.strings(),
            LedgerIt.avro(registry, LedgerOutcome.class), EVENTS, r -> r.key().startsWith(appId + "|"),
            Duration.ofSeconds(60), false).stream().filter(r -> r.key().startsWith(appId + "|")).count();
        LOG.info("read_uncommitted sees {} outcomes for {} events: {} were in aborted transactions",
            uncommitted, EVENTS, uncommitted - EVENTS);
      }
    } finally {
      victim.destroyForcibly();
    }
  }

  /** Starts {@link LedgerMain} in a child JVM, with its state dir given through the environment. */
  private static Process startVictim(final CofferStack stack, final String ledgerId, final int port,
                                     final Path work) throws IOException {
    final Path config = work.resolve("victim.yaml");
    final StringBuilder yaml = new StringBuilder()
        .append("bootstrap.servers: ").append(stack.bootstrapServers()).append('\n')
        .append("registry:\n  url: ").append(stack.registryUrl()).append('\n')
        .append("application.id: ").append(ledgerId).append('\n')
        .append("replication.factor: 1\nmin.insync.replicas: 1\nnum.standby.replicas: 0\n")
        .append("commit.interval.ms: 100\nhttp.port: ").append(port).append('\n')
        .append("rocksdb:\n  block.cache.bytes: 64MiB\n  write.buffer.bytes: 16MiB\n");
    FAST_FAILOVER.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
    Files.writeString(config, yaml.toString());
    final String java = ProcessHandle.current().info().command().orElse("java");
    final List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.coffer",
        "-cp", System.getProperty("java.class.path"), LedgerMain.class.getName(), config.toString()));
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("victim.log").toFile());
    builder.environment().put(LedgerConfig.envName(LedgerConfig.STATE_DIR), work.resolve("victim-state").toString());
    LOG.info("Starting the victim: {} (log {})", command, work.resolve("victim.log"));
    return builder.start();
  }

  private static boolean alive(final Process process) {
    if (!process.isAlive()) {
      throw new AssertionError("the victim instance exited with " + process.exitValue() + " before it was killed");
    }
    return true;
  }

  private static boolean healthy(final int port) {
    try {
      final HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2))
              .build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (final IOException e) {
      // Not listening yet: the condition is false, the wait goes on to its deadline.
      return false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static boolean bothAssigned(final CofferStack stack, final String groupId) {
    try {
      final ConsumerGroupDescription group = stack.admin().describeConsumerGroups(List.of(groupId))
          .describedGroups().get(groupId).get(10, TimeUnit.SECONDS);
      final List<MemberDescription> members = new ArrayList<>(group.members());
      return members.size() == 2 && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new AssertionError("describing group " + groupId + " failed", e);
    }
  }

  /** Waits until at least {@code atLeast} committed outcomes of the tenant exist; returns how many. */
  private static long countOutcomes(final CofferStack stack, final RestSchemaRegistry registry,
                                    final LedgerIt.Topics topics, final String appId, final int atLeast,
                                    final Duration timeout) {
    final List<ConsumerRecord<String, LedgerOutcome>> seen = LedgerIt.readSome(stack, topics.outcomes(),
        LedgerIt.strings(), LedgerIt.avro(registry, LedgerOutcome.class), atLeast,
        r -> r.key().startsWith(appId + "|"), timeout);
    return seen.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet()).size();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
