package dev.coffer.projections.it;

import static dev.coffer.projections.it.HttpCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.projections.http.Forwarder;
import dev.coffer.projections.webhooks.WebhookEvents;
import dev.coffer.projections.webhooks.WebhookSignature;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.directory.PlayerIdentity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projections against a real broker and registry, fed by the real ledger: two instances routing
 * reads to the owner, read-your-writes with minVersion, webhooks with retries and signatures,
 * server-sent events, and erasure.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ExtendWith(CofferStackExtension.class)
class ProjectionsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every answer the tests receive is held to the projections' OpenAPI document: one that breaks it fails. */
  private static final HttpClient CLIENT = OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml")
      .client(HttpClient.newHttpClient());

  @TempDir
  static Path dir;

  private static HttpServer receiver;
  private static final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
  private static final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
  private static ProjectionsCluster cluster;
  private static String stackBootstrap;

  /** One webhook request as the receiver saw it. */
  private record Delivery(String id, String type, boolean signatureValid, int answered, JsonNode body) {
  }

  @BeforeAll
  static void start(final CofferStack stack) throws IOException, InterruptedException {
    stackBootstrap = stack.bootstrapServers();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      final byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      final String id = exchange.getRequestHeaders().getFirst("Coffer-Delivery-Id");
      final boolean valid = verify(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body);
      final JsonNode json = JSON.readTree(body);
      // Every wallet.changed fails twice before it is accepted.
      final int attempt = attemptsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      final int status = "wallet.changed".equals(json.path("type").asText()) && attempt <= 2 ? 500 : 204;
      deliveries.add(new Delivery(id, json.path("type").asText(), valid, status, json));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    cluster = new ProjectionsCluster(stack, dir, 2,
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  /** What a receiver does: recompute the HMAC over "t.body" with its secret, accept any v1 that matches. */
  private static boolean verify(final String header, final byte[] body) {
    if (header == null) {
      return false;
    }
    long t = -1;
    final List<String> signatures = new ArrayList<>();
    for (final String part : header.split(",")) {
      final String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = Long.parseLong(kv[1]);
      } else if (kv[0].equals("v1")) {
        signatures.add(kv[1]);
      }
    }
    if (t < 0 || Math.abs(Instant.now().getEpochSecond() - t) > 300) {
      return false;
    }
    final byte[] expected = WebhookSignature.hmacHex(ProjectionsCluster.WEBHOOK_SECRET, t, body)
        .getBytes(StandardCharsets.US_ASCII);
    return signatures.stream().anyMatch(s -> MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII)));
  }

  private static HttpResponse<String> get(final int instance, final String path) {
    return send(HttpRequest.newBuilder(URI.create(cluster.baseUrl(instance) + path))
        .header("Authorization", "Bearer " + ProjectionsCluster.SERVER_KEY).timeout(Duration.ofSeconds(30)).build());
  }

  private static String player(final String prefix) {
    return prefix + "-" + System.nanoTime();
  }

  @Test
  void aReadSentToEitherInstanceIsAnsweredByTheOwnerAndSeesTheWrite() {
    final String playerId = player("routed");
    final LedgerOutcome written = cluster.grant(playerId, 100, 2);
    final String path = "/v1/apps/" + ProjectionsCluster.APP + "/players/" + playerId;

    final HttpResponse<String> fromA = get(0, path + "/wallet?minVersion=" + written.getVersion());
    final HttpResponse<String> fromB = get(1, path + "/wallet?minVersion=" + written.getVersion());

    assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
    assertThat(fromB.statusCode()).as(fromB.body()).isEqualTo(200);
    assertThat(fromA.body()).isEqualTo(fromB.body());
    final String servedByA = fromA.headers().firstValue(Forwarder.SERVED_BY_HEADER).orElseThrow();
    assertThat(fromB.headers().firstValue(Forwarder.SERVED_BY_HEADER)).hasValue(servedByA);
    assertThat(servedByA).isIn(cluster.hostOf(0), cluster.hostOf(1));
    final JsonNode wallet = json(fromA);
    assertThat(wallet.path("version").asLong()).isEqualTo(written.getVersion());
    assertThat(wallet.path("balances").get(0).path("balance").asLong()).isEqualTo(100);

    final LedgerOutcome second = cluster.grant(playerId, 50, 0);
    final int nonOwner = servedByA.equals(cluster.hostOf(0)) ? 1 : 0;
    final JsonNode after = json(get(nonOwner, path + "/wallet?minVersion=" + second.getVersion()));
    assertThat(after.path("balances").get(0).path("balance").asLong()).isEqualTo(150);
    final JsonNode inventory = json(get(nonOwner, path + "/inventory?minVersion=" + second.getVersion()));
    assertThat(inventory.path("instances")).hasSize(1);
    assertThat(inventory.path("instances").get(0).path("quantity").asLong()).isEqualTo(2);

    final JsonNode ledger = json(get(nonOwner, path + "/ledger?limit=1"));
    assertThat(ledger.path("entries")).hasSize(1);
    assertThat(ledger.path("entries").get(0).path("version").asLong()).isEqualTo(second.getVersion());
    final JsonNode older = json(get(nonOwner, path + "/ledger?limit=1&cursor=" + ledger.path("nextCursor").asText()));
    assertThat(older.path("entries").get(0).path("eventId").asText()).isEqualTo(written.getEventId().toString());
    assertThat(older.path("nextCursor").isNull()).isTrue();

    // Polled like the gateway's 202 Location: the eventId store trails the views by the re-keying hop.
    final JsonNode outcome = Await.value("the outcome by eventId", Duration.ofSeconds(30), () -> {
      final HttpResponse<String> r = get(nonOwner, "/v1/apps/" + ProjectionsCluster.APP + "/events/"
          + second.getEventId());
      return r.statusCode() == 200 ? Optional.of(json(r)) : Optional.empty();
    });
    assertThat(outcome.path("status").asText()).isEqualTo("APPLIED");
    assertThat(outcome.path("version").asLong()).isEqualTo(second.getVersion());
  }

  @Test
  void everyInstanceRoutesEveryPlayerToTheSameOwner() {
    // Players spread over every partition: each instance answers its own keys from its stores without
    // asking Streams' metadata, and forwards the rest; both must agree on every owner.
    for (int i = 0; i < 12; i++) {
      final String playerId = player("spread-" + i);
      final LedgerOutcome written = cluster.grant(playerId, 10 + i, 0);
      final String path = "/v1/apps/" + ProjectionsCluster.APP + "/players/" + playerId + "/wallet?minVersion="
          + written.getVersion();
      final HttpResponse<String> fromA = get(0, path);
      final HttpResponse<String> fromB = get(1, path);
      assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
      assertThat(fromB.statusCode()).as(fromB.body()).isEqualTo(200);
      assertThat(fromA.headers().firstValue(Forwarder.SERVED_BY_HEADER))
          .isEqualTo(fromB.headers().firstValue(Forwarder.SERVED_BY_HEADER));
      assertThat(json(fromA).path("balances").get(0).path("balance").asLong()).isEqualTo(10 + i);
      assertThat(fromB.body()).isEqualTo(fromA.body());
    }
  }

  @Test
  void aReadAheadOfTheViewAnswersViewBehindAndBadCallersGetProblems() {
    final String playerId = player("behind");
    final LedgerOutcome written = cluster.grant(playerId, 1, 0);
    final String path = "/v1/apps/" + ProjectionsCluster.APP + "/players/" + playerId;

    final HttpResponse<String> behind = get(0, path + "/wallet?minVersion=" + (written.getVersion() + 5));
    assertThat(behind.statusCode()).isEqualTo(503);
    assertThat(behind.headers().firstValue("Retry-After")).isPresent();
    assertThat(behind.headers().firstValue("Content-Type")).hasValueSatisfying(
        c -> assertThat(c).startsWith("application/problem+json"));
    assertThat(json(behind).path("code").asText()).isEqualTo("VIEW_BEHIND");

    final HttpResponse<String> unauthenticated = send(HttpRequest.newBuilder(
        URI.create(cluster.baseUrl(0) + path + "/wallet")).build());
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(json(unauthenticated).path("code").asText()).isEqualTo("UNAUTHENTICATED");

    final HttpResponse<String> clientWithoutToken = send(HttpRequest.newBuilder(
        URI.create(cluster.baseUrl(1) + path + "/wallet")).header("Authorization",
            "Bearer " + ProjectionsCluster.CLIENT_KEY).build());
    assertThat(json(clientWithoutToken).path("code").asText()).isEqualTo("PLAYER_TOKEN_INVALID");
    final String token = cluster.app().issuePlayerToken(playerId, Instant.now().plusSeconds(600));
    final HttpResponse<String> clientWithToken = send(HttpRequest.newBuilder(
        URI.create(cluster.baseUrl(1) + path + "/wallet")).header("Authorization",
            "Bearer " + ProjectionsCluster.CLIENT_KEY).header("X-Player-Token", token).build());
    assertThat(clientWithToken.statusCode()).as(clientWithToken.body()).isEqualTo(200);
    assertThat(get(0, "/v1/apps/no-such-app/players/p/wallet").statusCode()).isEqualTo(404);
  }

  @Test
  void aWebhookFailsTwiceThenArrivesExactlyOnceSigned() {
    final String playerId = player("hooked");
    final LedgerOutcome first = cluster.grant(playerId, 10, 0);
    final String firstId = deliveryId(first, "wallet.changed");
    // A later outcome of the same player (same partition) is dispatched only after the first is done.
    final LedgerOutcome second = cluster.grant(playerId, 5, 0);
    final String secondId = deliveryId(second, "wallet.changed");
    Await.until("the second webhook delivered", Duration.ofSeconds(60),
        () -> deliveries.stream().anyMatch(d -> d.id().equals(secondId) && d.answered() == 204));

    final List<Delivery> ofFirst = deliveries.stream().filter(d -> d.id().equals(firstId)).toList();
    assertThat(ofFirst).extracting(Delivery::answered).containsExactly(500, 500, 204);
    assertThat(ofFirst).allMatch(Delivery::signatureValid);
    final JsonNode body = ofFirst.get(2).body();
    assertThat(body.path("type").asText()).isEqualTo("wallet.changed");
    assertThat(body.path("eventId").asText()).isEqualTo(first.getEventId().toString());
    assertThat(body.path("data").path("balances").get(0).path("balance").asLong()).isEqualTo(10);
  }

  @Test
  void aServerSentEventsClientReceivesAChange() throws IOException {
    final String playerId = player("streamed");
    final HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.baseUrl(1) + "/v1/apps/"
        + ProjectionsCluster.APP + "/players/" + playerId + "/events/stream"))
        .header("Authorization", "Bearer " + ProjectionsCluster.SERVER_KEY).header("Accept", "text/event-stream")
        .build();
    final HttpResponse<InputStream> response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .orTimeout(30, TimeUnit.SECONDS).join();
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // The subscription is in place once the server says so; only then write.
      String line = lines.readLine();
      while (line != null && !line.contains("subscribed")) {
        line = lines.readLine();
      }
      final LedgerOutcome written = cluster.grant(playerId, 7, 0);
      final Map<String, String> event = new HashMap<>();
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty() && event.containsKey("data")) {
          break;
        }
        final int colon = line.indexOf(':');
        if (colon > 0) {
          event.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
      }
      assertThat(event.get("event")).isEqualTo("change");
      assertThat(event.get("id")).isEqualTo(Long.toString(written.getVersion()));
      assertThat(JSON.readTree(event.get("data")).path("eventId").asText()).isEqualTo(written.getEventId().toString());
    }
  }

  @Test
  void anErasedPlayerReadsAs404TheStudioLearnsItsIdOnceAndItsKeyIsDestroyed() {
    final String playerId = player("erased");
    final String ref = cluster.player(playerId).playerRef();
    final LedgerOutcome grant = cluster.grant(playerId, 30, 1);
    final String path = "/v1/apps/" + ProjectionsCluster.APP + "/players/" + playerId;
    final JsonNode before = json(get(0, path + "/export?minVersion=" + grant.getVersion()));
    assertThat(before.path("balances")).hasSize(1);
    assertThat(before.path("ledger")).hasSize(1);
    assertThat(before.path("playerRef").asText()).isEqualTo(ref);
    assertThat(json(get(1, "/v1/apps/" + ProjectionsCluster.APP + "/players/never-" + System.nanoTime() + "/export"))
        .path("code").asText()).isEqualTo("PLAYER_NOT_FOUND");

    // As the gateway's DELETE does: the ledger's erasure first, then the directory forgets the player.
    final LedgerOutcome erased = cluster.erase(playerId);
    assertThat(erased.getStatus().name()).isEqualTo("APPLIED");
    for (final String view : List.of("/wallet", "/inventory", "/purchases", "/ledger", "/export")) {
      final HttpResponse<String> read = get(1, path + view + "?minVersion=" + erased.getVersion());
      assertThat(read.statusCode()).as(view).isEqualTo(404);
      assertThat(json(read).path("code").asText()).isEqualTo("PLAYER_ERASED");
    }
    assertThat(cluster.eraseFromDirectory(playerId, erased).state()).isEqualTo(PlayerIdentity.State.ERASED);
    assertThat(json(get(0, path + "/export")).path("code").asText()).isEqualTo("PLAYER_ERASED");
    // The eventId store sits behind the re-keying topic: its tombstones arrive a moment after the views drop.
    Await.until("the erased player's event outcomes dropped", Duration.ofSeconds(30), () -> get(1,
        "/v1/apps/" + ProjectionsCluster.APP + "/events/" + grant.getEventId()).statusCode() == 404);
    final String deletedId = WebhookEvents.deliveryId(ProjectionsCluster.APP + "|" + ref, "player.deleted");
    Await.until("player.deleted delivered", Duration.ofSeconds(60),
        () -> deliveries.stream().anyMatch(d -> d.id().equals(deletedId) && d.answered() == 204));
    final JsonNode deleted = deliveries.stream().filter(d -> d.id().equals(deletedId) && d.answered() == 204)
        .findFirst().orElseThrow().body();
    assertThat(deleted.path("playerId").asText()).as("the one time the id leaves Coffer").isEqualTo(playerId);
    assertThat(deleted.path("playerRef").asText()).isEqualTo(ref);
    assertThat(deleted.path("version").asLong()).isEqualTo(erased.getVersion());
    assertThat(deliveries.stream().filter(d -> !d.id().equals(deletedId)))
        .allSatisfy(d -> assertThat(d.body().has("playerId")).isFalse());
    Await.until("the erased player's data key destroyed", Duration.ofSeconds(60), () -> {
      final List<ConsumerRecord<String, byte[]>> keys = readAll(cluster.playerKeysTopic()).stream()
          .filter(r -> r.key().equals(ProjectionsCluster.APP + "|" + ref)).toList();
      return !keys.isEmpty() && keys.getLast().value() == null;
    });
  }

  @Test
  void instancesAndOperationsEndpointsAnswer() {
    final JsonNode instances = json(get(0, "/instances"));
    assertThat(instances).hasSize(2);
    assertThat(get(1, "/health").statusCode()).isEqualTo(200);
    assertThat(get(1, "/live").statusCode()).isEqualTo(200);
    assertThat(get(1, "/ready").statusCode()).isEqualTo(200);
    assertThat(get(1, "/metrics").body()).contains("coffer_projections", "http_server_requests_seconds_bucket{",
        "kafka_stream_", "kafka_consumer_", "kafka_producer_", "jvm_memory_used_bytes",
        // The dashboard's recent-views panel.
        "cache_gets_total{cache=\"projections-recent-views\"");
    assertThat(get(0, "/openapi.yaml").body()).startsWith("openapi: 3.1.0");
  }

  @Test
  void aClientThatNeverReadsIsDroppedWhileOtherStreamsKeepFlowing() throws Exception {
    final String slowPlayer = player("never-reads");
    final String path = "/v1/apps/" + ProjectionsCluster.APP + "/players/";
    try (Socket slow = new Socket()) {
      // A real client that opens a stream and never reads: a tiny receive window fills at once.
      slow.setReceiveBufferSize(1024);
      slow.connect(new InetSocketAddress("127.0.0.1", cluster.projections().get(0).port()));
      slow.getOutputStream().write(("GET " + path + slowPlayer + "/events/stream HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + ProjectionsCluster.SERVER_KEY + "\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      Await.until("the slow stream subscribed", Duration.ofSeconds(20),
          () -> get(0, "/metrics").body().contains("coffer_projections_sse_subscriptions 1.0")
              || get(0, "/metrics").body().contains("coffer_projections_sse_subscriptions 2.0"));
      // Far more changes than the socket buffers and the stream's buffer hold.
      final List<UUID> flood = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        flood.add(cluster.sendGrant(slowPlayer, 1, 1));
      }
      // Meanwhile a reading client of another player gets its change.
      final JsonNode change = firstChange(0, player("reads"));
      assertThat(change.path("eventId").asText()).isNotEmpty();
      cluster.awaitOutcome(flood.get(flood.size() - 1));

      Await.until("the slow stream dropped", Duration.ofSeconds(30), () -> get(0, "/metrics").body()
          .contains("coffer_projections_sse_dropped_total{reason=\"SLOW_CONSUMER\"}"));
      // The server cut it: reading now drains what was buffered, then ends.
      slow.setSoTimeout(20_000);
      final byte[] rest = slow.getInputStream().readAllBytes();
      assertThat(new String(rest, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").contains("event: change");
    }
  }

  @Test
  void anAppHoldsAtMostItsShareOfStreamsPerInstance() throws IOException {
    final List<InputStream> open = new ArrayList<>();
    try {
      HttpResponse<InputStream> refused = null;
      for (int i = 0; i <= ProjectionsCluster.SSE_MAX_STREAMS && refused == null; i++) {
        final HttpResponse<InputStream> r = openStream(1, player("capped"));
        if (r.statusCode() == 200) {
          open.add(r.body());
        } else {
          refused = r;
        }
      }
      assertThat(refused).as("a stream past the cap is refused").isNotNull();
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(JSON.readTree(refused.body().readAllBytes()).path("code").asText()).isEqualTo("TOO_MANY_STREAMS");
      assertThat(open.size()).isLessThanOrEqualTo(ProjectionsCluster.SSE_MAX_STREAMS);
    } finally {
      for (final InputStream stream : open) {
        stream.close();
      }
    }
    Await.until("a closed stream frees its place", Duration.ofSeconds(20), () -> {
      final HttpResponse<InputStream> again = openStream(1, player("after-cap"));
      try (InputStream body = again.body()) {
        return again.statusCode() == 200;
      } catch (final IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  private static HttpResponse<InputStream> openStream(final int instance, final String playerId) {
    final HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.baseUrl(instance) + "/v1/apps/"
        + ProjectionsCluster.APP + "/players/" + playerId + "/events/stream"))
        .header("Authorization", "Bearer " + ProjectionsCluster.SERVER_KEY).header("Accept", "text/event-stream")
        .build();
    return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).orTimeout(30, TimeUnit.SECONDS)
        .join();
  }

  /** Opens a stream of {@code playerId}, writes a grant once subscribed, and returns the change's data. */
  private static JsonNode firstChange(final int instance, final String playerId) throws IOException {
    final HttpResponse<InputStream> response = openStream(instance, playerId);
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line = lines.readLine();
      while (line != null && !line.contains("subscribed")) {
        line = lines.readLine();
      }
      cluster.grant(playerId, 3, 0);
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data:")) {
          return JSON.readTree(line.substring(5).trim());
        }
      }
      throw new AssertionError("the stream ended without a change");
    }
  }

  private static String deliveryId(final LedgerOutcome outcome, final String type) {
    return WebhookEvents.deliveryId(outcome.getEventId().toString(), type);
  }

  private static HttpResponse<String> send(final HttpRequest request) {
    return HttpCalls.send(CLIENT, request);
  }

  /** Every record of {@code topic} up to its end now. */
  private static List<ConsumerRecord<String, byte[]>> readAll(final String topic) {
    final Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", stackBootstrap);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
