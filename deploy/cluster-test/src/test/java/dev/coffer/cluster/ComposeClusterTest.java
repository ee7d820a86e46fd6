package dev.coffer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.embedded.Await;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/compose} for real, from the local images: three KRaft brokers, Apicurio, the setup job,
 * two ledger instances, the gateway and projections. Grants and spends go through the gateway while one
 * broker and then one ledger instance are SIGKILLed (and later started again); afterwards, from the logs
 * and the HTTP answers alone: no acknowledged write is lost, nothing is applied twice, every balance is
 * the sum of what was acknowledged, the ledger's outcomes equal an independent replay of its sequence
 * log, and projections serves the same balances. Prints the counts and the times.
 */
@Tag("cluster")
@Timeout(1500)
class ComposeClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "cluster";
  private static final Duration UP = Duration.ofMinutes(6);
  private static final Duration LOAD = Duration.ofSeconds(80);
  /** The fewest acknowledged writes the audit judges; fewer say little about losses and duplicates. */
  private static final int MIN_ACKS = 200;
  /**
   * How much longer than {@link #LOAD} the load may run, with the faults healed, until {@link #MIN_ACKS}: in a
   * slow spell of a shared machine the directory can stay unavailable through most of the fault window (once:
   * 45 s of DIRECTORY_UNAVAILABLE, 120 writes acknowledged in 80 s), and the audit then has too little to judge.
   */
  private static final Duration LOAD_EXTENSION = Duration.ofSeconds(90);
  private static final int WORKERS = 12;
  private static final int PLAYERS_EACH = 6;

  @Test
  void noAcknowledgedWriteIsLostOrAppliedTwiceWhenABrokerAndALedgerInstanceDie(@TempDir final Path work)
      throws Exception {
    final Path target = Path.of("target").toAbsolutePath();
    final Path compose = Path.of("").toAbsolutePath().getParent().resolve("compose");
    final String serverKey = secret();
    final Path apps = writeApps(target.resolve("cluster-apps.yaml"), serverKey);
    final Map<String, String> times = new java.util.LinkedHashMap<>();
    final long begun = System.nanoTime();

    try (ComposeCluster cluster = ComposeCluster.up(compose, target, Map.of("APPS_FILE", apps.toString()), UP)) {
      times.put("cluster up (9 containers, healthy)", seconds(begun));
      final LedgerLoad load = new LedgerLoad(cluster.gateway(), APP, serverKey);
      final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      final List<String> timeline = new ArrayList<>();
      final long loadStart = System.nanoTime();
      try {
        final List<Future<?>> workers = load.start(pool, WORKERS, PLAYERS_EACH, 42L);
        at(loadStart, 15, timeline, "kill -9 kafka-2", () -> cluster.kill("kafka-2"));
        at(loadStart, 30, timeline, "kill -9 ledger-2", () -> cluster.kill("ledger-2"));
        at(loadStart, 45, timeline, "start kafka-2", () -> cluster.start("kafka-2"));
        at(loadStart, 55, timeline, "start ledger-2", () -> cluster.start("ledger-2"));
        at(loadStart, LOAD.toSeconds(), timeline, "load time reached", () -> {});
        try {
          Await.until("more than " + MIN_ACKS + " acknowledged writes", LOAD_EXTENSION,
              () -> load.acks().size() > MIN_ACKS);
        } finally {
          load.stop();
          timeline.add("load stopped at " + seconds(loadStart) + " s");
        }
        for (final Future<?> w : workers) {
          w.get(3, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      times.put("load with faults (" + String.join(", ", timeline) + ")", seconds(loadStart));

      final long settle = System.nanoTime();
      Await.until("both ledger instances RUNNING again", UP, cluster::healthy);
      times.put("cluster healthy again after the load", seconds(settle));

      final long auditStart = System.nanoTime();
      final Map<String, LedgerLoad.Ack> acks = load.acks();
      final AuditResult audit;
      final List<String> readBack;
      try (RestSchemaRegistry registry = new RestSchemaRegistry(cluster.registryUrl())) {
        final LedgerAudit ledger = new LedgerAudit(cluster.bootstrapServers(), registry);
        final Set<String> eventIds = acks.values().stream().map(LedgerLoad.Ack::eventId)
            .collect(Collectors.toCollection(HashSet::new));
        eventIds.addAll(load.pendingReplays().keySet());
        final List<LedgerOutcome> outcomes = ledger.outcomes(eventIds, Duration.ofMinutes(3));
        final List<ConsumerRecord<String, SequencedEvent>> sequence = ledger.sequence(Duration.ofMinutes(1));
        final List<LedgerOutcome> replay = ledger.replay(sequence, work.resolve("replay"));
        audit = LedgerAudit.check(acks, load.pendingReplays(), outcomes, replay);
        readBack = readBack(cluster.projections(), serverKey, acks, outcomes, audit);
      }
      times.put("audit (read the logs, replay, read back through projections)", seconds(auditStart));

      System.out.println(String.format(Locale.ROOT,
          "%ncompose cluster run: %d requests sent (%d retries of unanswered tries, %d replays, %d of them answered"
              + " 202), %d acknowledged, %d never answered, %d load problems%n%s%n  read back through projections: %d"
              + " players, differing: %d %s%n  times:%n%s",
          load.sent(), load.retries(), load.replays(), load.pendingReplays().size(), acks.size(), load.unanswered(),
          load.problems().size(),
          audit.summary(), audit.lastVersions().size(), readBack.size(), readBack.isEmpty() ? "" : readBack.subList(0,
              Math.min(3, readBack.size())), times.entrySet().stream().map(e -> String.format(Locale.ROOT,
                  "    %-60s %6.1f s", e.getKey(), Double.parseDouble(e.getValue())))
                  .collect(Collectors.joining("\n"))));

      assertThat(load.problems()).as("unexpected answers (replays not DUPLICATE, 4xx)").isEmpty();
      assertThat(acks.size()).as("acknowledged requests").isGreaterThan(MIN_ACKS);
      assertThat(audit.applied()).as("applied events").isGreaterThan(100);
      assertThat(audit.duplicates()).as("replays recorded as DUPLICATE").isPositive();
      assertThat(audit.appliedTwice()).as("applied twice").isEmpty();
      assertThat(audit.lost()).as("acknowledged but lost or different").isEmpty();
      assertThat(audit.versionGaps()).as("version gaps").isEmpty();
      assertThat(audit.replayMismatches()).as("differences from the independent replay").isEmpty();
      assertThat(audit.balanceMismatches()).as("balances vs acknowledged sums").isEmpty();
      assertThat(readBack).as("projections vs the ledger").isEmpty();
    }
  }

  /** Each player's wallet from projections, at the version the ledger reached, against the ledger's balance. */
  private static List<String> readBack(final URI projections, final String serverKey,
                                       final Map<String, LedgerLoad.Ack> acks, final List<LedgerOutcome> outcomes,
                                       final AuditResult audit) throws IOException, InterruptedException {
    final Map<String, String> playerKeys = new TreeMap<>();
    final Map<String, LedgerOutcome> byEvent = new java.util.HashMap<>();
    outcomes.forEach(o -> byEvent.putIfAbsent(o.getEventId().toString(), o));
    for (final LedgerLoad.Ack ack : acks.values()) {
      final LedgerOutcome o = byEvent.get(ack.eventId());
      if (o != null) {
        playerKeys.put(ack.player(), o.getAppId() + "|" + o.getPlayerRef());
      }
    }
    final List<String> differing = new ArrayList<>();
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (final Map.Entry<String, String> player : playerKeys.entrySet()) {
        final Long version = audit.lastVersions().get(player.getValue());
        if (version == null) {
          continue;
        }
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(projections.resolve("/v1/apps/" + APP
            + "/players/" + player.getKey() + "/wallet?minVersion=" + version)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + serverKey).build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode wallet = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        final long balance = wallet == null ? Long.MIN_VALUE : balance(wallet);
        if (wallet == null || wallet.path("version").asLong() != version
            || balance != audit.balances().getOrDefault(player.getValue(), 0L)) {
          differing.add(player.getKey() + ": projections " + r.statusCode() + " " + r.body() + ", ledger v" + version
              + " " + audit.balances().get(player.getValue()));
        }
      }
    }
    return differing;
  }

  private static long balance(final JsonNode wallet) {
    for (final JsonNode b : wallet.path("balances")) {
      if (b.path("currency").asText().equals(LedgerLoad.CURRENCY)) {
        return b.path("balance").asLong();
      }
    }
    return 0;
  }

  /** Runs {@code action} {@code second} seconds after {@code start}: the schedule of the faults. */
  private static void at(final long start, final long second, final List<String> timeline, final String what,
                         final Runnable action) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(Math.max(0, start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime()));
    action.run();
    timeline.add(what + " at " + seconds(start) + " s");
  }

  private static Path writeApps(final Path file, final String serverKey) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, String.join("\n",
        "# Written by ComposeClusterTest: one app, a fresh server key (its SHA-256 only) and fresh secrets.",
        "apps:",
        "  - appId: " + APP,
        "    keys:",
        "      - {label: cluster-test, role: server, sha256: " + sha256(serverKey) + "}",
        "    pseudonymKey: " + secret(),
        "    playerTokenSecret: " + secret(),
        ""), StandardCharsets.UTF_8);
  }

  private static String secret() {
    final byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String sha256(final String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  private static String seconds(final long since) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
  }
}
