package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.embedded.FreePorts;
import dev.coffer.embedded.openapi.CheckedHttpClient;
import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One whale player must not stop the ledger for everyone: 20,000 single item grants to one player,
 * with the active-instance cap set far above what fits one stored value, so the state-size bound is
 * what refuses (before the fix, the changelog record outgrew the broker's limit and the stream thread
 * died, taking every player with it). The ledger stays RUNNING, no state value passes the bound, every grant gets an
 * outcome, another player is served after the whale, and projections answer the whale's inventory and
 * its whole history, paged from its own store.
 */
@Tag("integration")
@Timeout(600)
class WhalePlayerTest {
  private final Iterator<Integer> ports = FreePorts.distinct(6).iterator();
  private static final int GRANTS = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiContract PROJECTIONS =
      OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml");
  /** Projections' answers (the only /v1 ones here) are held to their OpenAPI document; the ledger's ops are not. */
  private static final HttpClient HTTP = new CheckedHttpClient(HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build(), uri -> uri.getPath().startsWith("/v1/") ? PROJECTIONS : null);

  @Test
  void twentyThousandGrantsToOnePlayerNeitherStopTheLedgerNorOverflowAValue(@TempDir final Path dir)
      throws Exception {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final int projectionsPort = freePort();
    final int ledgerPort = freePort();
    final List<LocalService> services = List.of(
        // A cap far above what fits, so the size bound refuses; a bound far below the default (about 450
        // instances, not 7,000) keeps the test short: each refused grant still decodes and encodes the whole
        // state to measure it, so the whale's 20,000 grants cost in proportion to the bound. Same code path.
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(ledgerPort),
            LedgerConfig.MAX_ACTIVE_INSTANCES, "1000000", LedgerConfig.MAX_STATE_BYTES, "60000")),
        new ProjectionsLocalService(Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort))),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(freePort()))));
    final Apps apps = demoApps(dir);
    final App demo = apps.find(DemoSettings.LOCAL_APP).orElseThrow();

    try (LocalStack stack = LocalStack.start(config, services);
        RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        PlayerDirectory directory = new PlayerDirectory(Map.of("bootstrap.servers", stack.bootstrapServers()),
            registry, apps, new PlayerDirectory.Settings(CofferTopics.PLAYER_DIRECTORY_REQUESTS.name(),
                CofferTopics.PLAYER_DIRECTORY.name(), Duration.ofSeconds(60), 10, "whale-test"), Clock.systemUTC())) {
      // The players' random refs, as the gateway gets them on a first write.
      directory.start(Duration.ofSeconds(30));
      final String whale = directory.await(directory.create(demo, "whale")).playerRef();
      final String minnow = directory.await(directory.create(demo, "minnow")).playerRef();
      final List<LedgerEvent> sent = new ArrayList<>();
      try (KafkaProducer<String, SequencedEvent> producer = producer(stack, registry)) {
        final List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < GRANTS; i++) {
          final LedgerEvent grant = grant(whale, "whale-" + i);
          sent.add(grant);
          acks.add(producer.send(sequenced(grant)));
        }
        final LedgerEvent after = grant(minnow, "minnow-1");
        sent.add(after);
        acks.add(producer.send(sequenced(after)));
        for (final Future<RecordMetadata> ack : acks) {
          ack.get(60, TimeUnit.SECONDS);
        }
      }

      final Map<String, Integer> byStatus = outcomes(stack, registry, sent.size());
      assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(sent.size());
      assertThat(byStatus.getOrDefault("REJECTED:STATE_TOO_LARGE", 0))
          .as("the state-size bound refused what would not fit one value").isPositive();
      final int applied = byStatus.getOrDefault("APPLIED:null", 0);
      assertThat(applied).isBetween(100, GRANTS);
      assertThat(get("http://127.0.0.1:" + ledgerPort + "/ready").toString()).as("the ledger is ready")
          .contains("RUNNING");

      final String base = "http://127.0.0.1:" + projectionsPort + "/v1/apps/demo/players/";
      final JsonNode minnowWallet = get(base + "minnow/wallet?minVersion=1");
      assertThat(minnowWallet.get("balances").get(0).get("balance").asLong()).isEqualTo(1);
      final JsonNode inventory = get(base + "whale/inventory?minVersion=" + (applied - 1));
      assertThat(inventory.get("instances").size()).isEqualTo(applied - 1);
      int history = 0;
      String cursor = null;
      do {
        final JsonNode page = get(base + "whale/ledger?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
        history += page.get("entries").size();
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      } while (cursor != null);
      assertThat(history).as("every applied change, page by page").isEqualTo(applied - 1);
    }
  }

  /** Each grant gives one potion (a new instance) and one coin, so every applied grant is seen in both views. */
  private static LedgerEvent grant(final String ref, final String key) {
    final Object payload = GrantIssued.newBuilder().setReason("whale")
        .setGrants(new Grants(Map.of("coins", 1L), List.of(new ItemGrant("potion", 1L, true)))).build();
    return LedgerEvent.newBuilder().setEventId(UUID.randomUUID()).setAppId(DemoSettings.LOCAL_APP)
        .setPlayerRef(ref).setIdempotencyKey(key)
        .setDedupeKey(new DedupeKey.Caller(DemoSettings.LOCAL_APP, ref, key).value())
        .setOccurredAt(Instant.now()).setPayload(payload).build();
  }

  private static ProducerRecord<String, SequencedEvent> sequenced(final LedgerEvent event) {
    return new ProducerRecord<>(CofferTopics.LEDGER_SEQUENCE.name(), PlayerKey.of(event.getAppId(),
        event.getPlayerRef()), SequencedEvent.newBuilder().setVerdict(DedupeVerdict.UNJUDGED).setEvent(event).build());
  }

  private static KafkaProducer<String, SequencedEvent> producer(final LocalStack stack,
                                                                final RestSchemaRegistry registry) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(registry, false));
  }

  /** Reads outcomes until {@code expected} of the two players are in; counts them by status and reason. */
  private static Map<String, Integer> outcomes(final LocalStack stack, final RestSchemaRegistry registry,
                                               final int expected) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "whale-" + UUID.randomUUID());
    final Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<String, LedgerOutcome> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new AvroDeserializer<>(registry, LedgerOutcome.class, false))) {
      consumer.subscribe(List.of(CofferTopics.LEDGER_OUTCOMES.name()));
      final long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
      int seen = 0;
      while (seen < expected) {
        assertThat(System.nanoTime() - deadline).as("outcomes after %d of %d", seen, expected).isNegative();
        for (final ConsumerRecord<String, LedgerOutcome> r : consumer.poll(Duration.ofMillis(200))) {
          counts.merge(r.value().getStatus() + ":" + r.value().getReason(), 1, Integer::sum);
          seen++;
        }
      }
    }
    return counts;
  }

  private static Apps demoApps(final Path dir) throws IOException {
    final Path file = dir.resolve("apps.yaml");
    try (InputStream bundled = LocalContext.class.getResourceAsStream("apps.local.yaml")) {
      Files.write(file, bundled.readAllBytes());
    }
    return Apps.load(file);
  }

  private static JsonNode get(final String url) throws Exception {
    final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET()
        .header("Authorization", "Bearer " + DemoSettings.LOCAL_SERVER_KEY).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The next of this test's distinct free ports (asked together: one asked and closed may come again). */
  private int freePort() {
    return ports.next();
  }
}
