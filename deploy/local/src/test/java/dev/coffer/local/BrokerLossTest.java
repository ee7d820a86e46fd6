package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.embedded.CofferStack;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.service.streams.StreamsSettings;
import dev.coffer.topics.CofferTopics;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Losing a broker under load: a 3-broker cluster (replication factor 3, min ISR 2), the ledger, gateway
 * and projections in this JVM, writes through the gateway from several callers, and one broker stopped
 * mid-run. Callers retry a 503 with the same idempotency key, as the API tells them to. Afterwards:
 * every acknowledged write has exactly one outcome that is not a duplicate (nothing lost, nothing
 * applied twice), the ledger and projections still serve, and every player's balances equal what the
 * ledger's fold computes when it replays its sequence log under a fresh application id.
 */
@Tag("integration")
@Timeout(900)
class BrokerLossTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String AUTH = "Bearer " + DemoSettings.LOCAL_SERVER_KEY;
  private static final int PLAYERS = 20;
  private static final int CALLERS = 6;
  private static final List<String> SCRATCH = List.of(".outcomes", ".wallet", ".inventory", ".purchase-log", ".dlq",
      ".purchase-index");

  @Test
  void aBrokerStoppedUnderLoadLosesNoAcknowledgedWriteAndAppliesNothingTwice(@TempDir final Path dir)
      throws Exception {
    try (CofferStack stack = CofferStack.start(3)) {
      stack.installCofferTopics();
      final Path apps = demoApps(dir);
      try (LedgerService ledger = LedgerService.create(LedgerConfig.fromMap(ledger(stack, "loss-ledger",
          dir.resolve("ledger")))).start();
          Gateway gateway = Gateway.start(GatewayConfig.fromMap(gateway(stack, apps)));
          ProjectionsService projections = ProjectionsService.create(ProjectionsConfig.fromMap(
              projections(stack, apps, dir.resolve("projections")))).start()) {
        assertThat(ledger.awaitRunning(Duration.ofMinutes(2))).isTrue();
        assertThat(projections.awaitRunning(Duration.ofMinutes(2))).isTrue();
        final String writes = "http://127.0.0.1:" + gateway.port() + "/v1/apps/demo/players/";
        final Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
        final AtomicLong afterLoss = new AtomicLong();
        final AtomicBoolean lost = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean(true);
        for (int p = 0; p < PLAYERS; p++) {
          write(writes, p, "seed-" + p, "grants", "{\"idempotencyKey\":\"seed-" + p
              + "\",\"reason\":\"seed\",\"grants\":{\"currencies\":{\"gems\":1000}}}", acknowledged);
        }
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
          final List<Future<?>> done = new ArrayList<>();
          for (int c = 0; c < CALLERS; c++) {
            final int caller = c;
            done.add(callers.submit(() -> {
              for (long n = 0; running.get(); n++) {
                final int player = ThreadLocalRandom.current().nextInt(PLAYERS);
                final String key = "c" + caller + "-" + n;
                final boolean spend = n % 2 == 1;
                final String body = spend
                    ? "{\"idempotencyKey\":\"" + key + "\",\"currency\":\"gems\",\"amount\":1,\"reason\":\"r\"}"
                    : "{\"idempotencyKey\":\"" + key + "\",\"reason\":\"r\",\"grants\":{\"currencies\":{\"gems\":1}}}";
                write(writes, player, key, spend ? "spend" : "grants", body, acknowledged);
                if (lost.get()) {
                  afterLoss.incrementAndGet();
                }
              }
              return null;
            }));
          }
          waitForAcks(acknowledged, 150);
          stack.kafka().stopBroker(2);
          lost.set(true);
          final long target = acknowledged.size() + 150;
          waitForAcks(acknowledged, target);
          running.set(false);
          for (final Future<?> f : done) {
            f.get(3, TimeUnit.MINUTES);
          }
        }
        assertThat(afterLoss.get()).as("writes acknowledged after the broker was lost").isPositive();
        LoggerFactory.getLogger(BrokerLossTest.class).info("Broker loss: {} writes acknowledged, {} after broker 2"
            + " stopped", acknowledged.size(), afterLoss.get());

        try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
          final List<LedgerOutcome> live = outcomes(stack, registry, CofferTopics.LEDGER_OUTCOMES.name(),
              acknowledged.size());
          final Map<String, List<LedgerOutcome>> byKey = new HashMap<>();
          live.forEach(o -> byKey.computeIfAbsent(o.getDedupeKey(), k -> new ArrayList<>()).add(o));
          final List<String> missing = new ArrayList<>();
          final List<String> twice = new ArrayList<>();
          for (final JsonNode answer : acknowledged.values()) {
            final List<LedgerOutcome> of = byKey.getOrDefault(answer.get("dedupeKey").asText(), List.of());
            final long decided = of.stream().filter(o -> !o.getStatus().name().equals("DUPLICATE")).count();
            if (decided == 0) {
              missing.add(answer.get("dedupeKey").asText());
            } else if (decided > 1) {
              twice.add(answer.get("dedupeKey").asText());
            }
          }
          assertThat(missing).as("acknowledged writes without an outcome").isEmpty();
          assertThat(twice).as("writes decided more than once").isEmpty();

          // The read side still serves every player, at the version its last write returned.
          final Map<String, Long> lastVersion = new HashMap<>();
          acknowledged.values().forEach(a -> lastVersion.merge(a.get("playerRef").asText(),
              a.get("version").asLong(), Math::max));
          for (int p = 0; p < PLAYERS; p++) {
            final JsonNode wallet = get("http://127.0.0.1:" + projections.port() + "/v1/apps/demo/players/p" + p
                + "/wallet?minVersion=1");
            assertThat(wallet.get("balances")).isNotEmpty();
          }

          // An independent replay: the fold alone over the sequence, under a fresh application id.
          final List<String> names = SCRATCH.stream().map(name -> stack.createTopic("loss-replay" + name, 6)).toList();
          try (LedgerService replay = LedgerService.replay(LedgerConfig.fromMap(ledger(stack, "loss-replay",
              dir.resolve("replay"))), r -> scratch(r, names)).start()) {
            assertThat(replay.awaitRunning(Duration.ofMinutes(2))).isTrue();
            final List<LedgerOutcome> replayed = outcomes(stack, registry, names.get(0), live.size());
            assertThat(balances(replayed)).as("balances of the replay").isEqualTo(balances(live));
          }
        }
      }
    }
  }

  /** A write, retried with the same key while the answer is 503 or the call times out. */
  private static void write(final String base, final int player, final String key, final String path,
                            final String body, final Map<String, JsonNode> acknowledged) throws Exception {
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        final HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "p" + player
            + "/" + path)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", AUTH)
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 || answer.statusCode() == 409 || answer.statusCode() == 422) {
          final JsonNode json = JSON.readTree(answer.body());
          acknowledged.put(key + "@" + player, json.has("outcome") ? json.get("outcome") : json);
          return;
        }
        assertThat(answer.statusCode()).as(answer.body()).isIn(202, 503);
      } catch (final java.net.http.HttpTimeoutException e) {
        // The outcome is unknown: retry with the same key, as the API says.
      }
      // A caller's retry pace (the API's Retry-After), not a wait for Kafka.
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("write " + key + " never answered");
  }

  private static void waitForAcks(final Map<String, JsonNode> acknowledged, final long count) {
    dev.coffer.embedded.Await.until(count + " acknowledged writes", Duration.ofMinutes(5),
        () -> acknowledged.size() >= count);
  }

  private static Map<String, Map<String, Long>> balances(final List<LedgerOutcome> outcomes) {
    final Map<String, Map<String, Long>> state = new TreeMap<>();
    for (final LedgerOutcome o : outcomes) {
      for (final BalanceChange b : o.getBalances()) {
        if (o.getStatus().name().equals("APPLIED")) {
          state.computeIfAbsent(o.getPlayerRef(), k -> new TreeMap<>()).put(b.getCurrency(), b.getBalance());
        }
      }
    }
    return state;
  }

  private static List<LedgerOutcome> outcomes(final CofferStack stack, final RestSchemaRegistry registry,
                                              final String topic, final int atLeast) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "loss-check-" + UUID.randomUUID());
    final List<LedgerOutcome> read = new ArrayList<>();
    try (KafkaConsumer<String, LedgerOutcome> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new AvroDeserializer<>(registry, LedgerOutcome.class, false))) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      int quiet = 0;
      while (read.size() < atLeast || quiet < 10) {
        assertThat(System.nanoTime() - deadline).as("%d of %d outcomes of %s", read.size(), atLeast, topic)
            .isNegative();
        final int before = read.size();
        for (final ConsumerRecord<String, LedgerOutcome> r : consumer.poll(Duration.ofMillis(300))) {
          read.add(r.value());
        }
        quiet = read.size() == before && read.size() >= atLeast ? quiet + 1 : 0;
      }
    }
    return read;
  }

  /** The replay reads Coffer's sequence log and writes to scratch topics of its own. */
  private static LedgerTopics scratch(final dev.coffer.registry.SchemaRegistry registry, final List<String> names) {
    final LedgerTopics coffer = LedgerService.cofferTopics(registry);
    return coffer.named(coffer.events().name(), coffer.sequence().name(), names.get(0), names.get(1),
        names.get(2), names.get(3), names.get(4), names.get(5));
  }

  private static Map<String, String> ledger(final CofferStack stack, final String id, final Path state) {
    final Map<String, String> m = LedgerConfig.singleBroker(stack.bootstrapServers(), stack.registryUrl(),
        stack.uniqueAppId(id), state);
    m.put(LedgerConfig.REPLICATION_FACTOR, "3");
    m.put(LedgerConfig.MIN_INSYNC_REPLICAS, "2");
    m.put(LedgerConfig.HTTP_PORT, "0");
    m.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "64MiB");
    m.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    return m;
  }

  private static Map<String, String> gateway(final CofferStack stack, final Path apps) {
    final Map<String, String> m = new HashMap<>();
    m.put(GatewayConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    m.put(GatewayConfig.REGISTRY_URL, stack.registryUrl());
    m.put(GatewayConfig.APPS_FILE, apps.toString());
    m.put(GatewayConfig.HTTP_PORT, "0");
    m.put(GatewayConfig.RATE_APP_PER_SECOND, "100000");
    m.put(GatewayConfig.RATE_APP_BURST, "100000");
    m.put(GatewayConfig.RATE_PLAYER_PER_SECOND, "100000");
    m.put(GatewayConfig.RATE_PLAYER_BURST, "100000");
    return m;
  }

  private static Map<String, String> projections(final CofferStack stack, final Path apps, final Path state) {
    final Map<String, String> m = new HashMap<>();
    m.put(ProjectionsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    m.put(ProjectionsConfig.REGISTRY_URL, stack.registryUrl());
    m.put(ProjectionsConfig.APPS_FILE, apps.toString());
    m.put(StreamsSettings.APPLICATION_ID, stack.uniqueAppId("loss-projections"));
    m.put(StreamsSettings.STATE_DIR, state.toString());
    m.put(StreamsSettings.REPLICATION_FACTOR, "3");
    m.put(StreamsSettings.NUM_STANDBY_REPLICAS, "0");
    m.put(ProjectionsConfig.HTTP_PORT, "0");
    m.put(ProjectionsConfig.WEBHOOKS_ENABLED, "false");
    return m;
  }

  private static Path demoApps(final Path dir) throws Exception {
    final Path file = dir.resolve("apps.yaml");
    try (InputStream bundled = LocalContext.class.getResourceAsStream("apps.local.yaml")) {
      Files.write(file, bundled.readAllBytes());
    }
    return file;
  }

  private static JsonNode get(final String url) throws Exception {
    final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET()
        .header("Authorization", AUTH).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
