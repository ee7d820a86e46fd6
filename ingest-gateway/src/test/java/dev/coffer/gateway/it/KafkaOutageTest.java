package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferSetup;
import dev.coffer.embedded.EmbeddedRegistry;
import dev.coffer.embedded.Infrastructure;
import dev.coffer.embedded.KafkaCluster;
import dev.coffer.embedded.RegistryServer;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.http.Replies;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running gateway: writes answer 503 and record nothing, and once the
 * broker is back the same request with the same idempotency key is applied exactly once. Runs on a
 * broker and registry of its own (stopping the shared broker would break every other test), a
 * persistent single KRaft node so that it can be restarted on the same ports and data.
 */
@Tag("integration")
@Timeout(240)
class KafkaOutageTest {
  private static final String PRODUCE_TIMEOUT = "2s";

  @TempDir
  Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();

  @Test
  void answers503WhileTheBrokerIsDownAndAppliesTheSameRequestOnceItIsBack() throws Exception {
    final int port = GatewayHarness.freePort();
    final int controllerPort = GatewayHarness.freePort();
    final Path kafkaDir = dir.resolve("kafka");
    // The registry is a separate JVM: let it boot while the broker starts here.
    // In this JVM, or in containers with -Pcontainers: either way a broker that can be stopped and
    // started again on the same port and data.
    final Infrastructure infrastructure = Infrastructure.configured();
    final CompletableFuture<RegistryServer> booting = CompletableFuture.supplyAsync(
        () -> infrastructure.startRegistry(EmbeddedRegistry.builder()));
    final KafkaCluster kafka;
    try {
      kafka = infrastructure.startPersistentKafka(kafkaDir, port, controllerPort);
    } catch (final RuntimeException e) {
      booting.thenAccept(RegistryServer::close);
      throw e;
    }
    own(kafka);
    try {
      final RegistryServer registry = own(booting.join());
      final String bootstrap = kafka.bootstrapServers();
      final String registryUrl = registry.confluentUrl();
      try (Admin admin = kafka.createAdmin()) {
        CofferSetup.apply(admin, registryUrl);
      }
      // The ledger runs through the outage, as in production: it too must come back by itself.
      final LedgerService ledger = own(GatewayHarness.startLedger(bootstrap, registryUrl,
          "outage-ledger-" + UUID.randomUUID(), dir.resolve("ledger")));
      final TestApp app = new TestApp(
          "outage-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
      final Gateway gateway = own(GatewayHarness.startGateway(bootstrap, registryUrl, app,
          Map.of(GatewayConfig.PRODUCE_TIMEOUT, PRODUCE_TIMEOUT)));
      final Http http = new Http(gateway.port());
      final String path = "/v1/apps/" + app.appId + "/players/" + PurchasesTest.player() + "/grants";
      // A write before the outage: the producer then knows coffer.ledger-events, so the 503 below comes
      // from a record expiring in its buffer (delivery.timeout), not only from a metadata wait.
      final Http.Response before = http.post(path, TestApp.SERVER_KEY, Map.of("idempotencyKey", "k-" + UUID
          .randomUUID(),
          "reason", "before", "grants", Map.of("currencies", Map.of("coins", 1))));
      assertThat(before.status()).as(before.toString()).isEqualTo(200);
      assertThat(before.body().path("status").asText()).isEqualTo("APPLIED");
      final String idempotencyKey = "k-" + UUID.randomUUID();
      final Map<String, Object> body = Map.of("idempotencyKey", idempotencyKey, "reason", "outage",
          "grants", Map.of("currencies", Map.of("coins", 7)));

      kafka.close();

      final long asked = System.nanoTime();
      final Http.Response unavailable = http.post(path, TestApp.SERVER_KEY, body);
      final Duration took = Duration.ofNanos(System.nanoTime() - asked);
      assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
      assertThat(unavailable.contentType()).startsWith(Replies.PROBLEM_JSON);
      assertThat(unavailable.code()).isEqualTo("KAFKA_UNAVAILABLE");
      assertThat(unavailable.body().path("status").asInt()).isEqualTo(503);
      assertThat(unavailable.body().has("eventId")).as("no event is reported as recorded").isFalse();
      assertThat(unavailable.location()).isNull();
      assertThat(took).as("bounded by produce.timeout").isLessThan(Duration.ofSeconds(20));
      // By design /health reports the gateway's own parts (producer, followers), not the broker's
      // reachability: the followers keep retrying through an outage, so the gateway stays ready and
      // answers 503 per write rather than dropping out of the load balancer.
      final Http.Response healthDuringOutage = http.get("/health", null);
      assertThat(healthDuringOutage.status()).as(healthDuringOutage.toString()).isEqualTo(200);

      // Same ports and data folder: the same cluster, topics and offsets intact. It takes the stopped
      // broker's place, so that it is closed after the services.
      final KafkaCluster again = infrastructure.startPersistentKafka(kafkaDir, port, controllerPort);
      running.set(running.indexOf(kafka), again);
      final String restarted = again.bootstrapServers();
      assertThat(restarted).isEqualTo(bootstrap);
      assertThat(eventsWithKey(restarted, registryUrl, app.app().pseudonyms().keyRef(idempotencyKey))).as(
          "the 503 recorded nothing").isEmpty();
      Await.until("the gateway is healthy after the outage", Duration.ofSeconds(30),
          () -> http.get("/health", null).status() == 200);

      // The producer may still be reconnecting: a 503 then is the same "outcome unknown, retry" answer.
      final Http.Response applied = Await.value("the retry is answered other than 503", Duration.ofSeconds(90),
          () -> {
            final Http.Response r = http.post(path, TestApp.SERVER_KEY, body);
            return r.status() == 503 ? Optional.empty() : Optional.of(r);
          });
      assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
      assertThat(applied.body().path("status").asText()).isEqualTo("APPLIED");
      assertThat(applied.body().path("balances").get(0).path("balance").asLong()).as("1 before, 7 now").isEqualTo(8);
      final String eventId = applied.body().path("eventId").asText();

      final Http.Response duplicate = http.post(path, TestApp.SERVER_KEY, body);
      assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);
      assertThat(duplicate.body().path("status").asText()).isEqualTo("DUPLICATE");
      assertThat(duplicate.body().path("originalEventId").asText()).isEqualTo(eventId);
      assertThat(ledger.failed()).as("the ledger came back by itself").isFalse();
      // Exactly the applied event and its duplicate: the outage left nothing behind to apply twice.
      assertThat(eventsWithKey(restarted, registryUrl, app.app().pseudonyms().keyRef(idempotencyKey)))
          .extracting(e -> e.getEventId().toString())
          .containsExactlyInAnyOrder(eventId, duplicate.body().path("eventId").asText());
    } finally {
      closeAll();
    }
  }

  private <T extends AutoCloseable> T own(final T part) {
    running.add(part);
    return part;
  }

  /** Closes in reverse start order (the gateway and ledger before the broker and registry). */
  private void closeAll() throws Exception {
    Exception failure = null;
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (final Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    running.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private static List<LedgerEvent> eventsWithKey(final String bootstrap, final String registryUrl,
                                                 final String keyRef) {
    return Topics.submitted(bootstrap, registryUrl).stream()
        .filter(e -> keyRef.equals(String.valueOf(e.getIdempotencyKey())))
        .toList();
  }
}
