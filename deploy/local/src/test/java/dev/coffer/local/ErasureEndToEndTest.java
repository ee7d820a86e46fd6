package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.apps.ApiKeys;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.FreePorts;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDPR erasure and export through the real services (ledger, projections, gateway, on the local stack's
 * broker and registry) and a webhook receiver on a local port. A player buys (Google Play with an order
 * id and a purchase token, the test store), is granted and spends with free-text reasons, source refs,
 * idempotency keys and a request id of the caller's, and is refunded by a store notification. Before the
 * erasure the export shows all of it, opened with the player's key. After the erasure and its one
 * {@code player.deleted} webhook, every record of every topic of the cluster (keys, values, headers) and
 * every file of the stack's data folder (broker segments, state stores) is read as raw bytes: none holds
 * the external id, a store id or the player's free text; the directory forgets the player and its data key
 * is destroyed. A later request for the same external id starts a new, unlinked player.
 */
@Tag("integration")
@Timeout(600)
class ErasureEndToEndTest {
  private static final Iterator<Integer> PORTS = FreePorts.distinct(12).iterator();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String APP = "demo";
  private static final String SERVER_KEY = "e2e-server-key-0123456789abcdef";
  private static final String TEST_SECRET = "e2e-test-store-secret-0123456789";
  private static final String GOOGLE_TOKEN = "e2e-google-push-token-0123456789";
  private static final String PACKAGE = "com.example.erasure";

  /** One webhook the receiver took. */
  private record Delivery(String type, JsonNode body) {
  }

  @Test
  void anErasedPlayerLeavesNothingThatLeadsBackAndExportShowedAllOfIt(@TempDir final Path dir) throws Exception {
    final String run = UUID.randomUUID().toString().substring(0, 8);
    // What the person gave Coffer: the external id, the stores' ids, free text, the caller's keys.
    final String playerId = "erin-" + run + "@example.com";
    final String googleOrder = "GPA.3372-" + run;
    final String googleToken = "ptoken-" + run + "-kgbebkfoiahpjcmgefpliefh";
    final String testTransaction = "TESTTX-" + run;
    final String grantReason = "apology for ticket " + run + " of Erin Example";
    final String grantSource = "SRC-" + run;
    final String spendReason = "SPENT-ON-" + run;
    final String erasureReason = "GDPR-TICKET-" + run;
    final String grantKey = "IDEM-GRANT-" + run;
    final String spendKey = "IDEM-SPEND-" + run;
    final String requestId = "REQ-" + run;
    final List<String> personal = List.of(playerId, googleOrder, googleToken, testTransaction, grantReason,
        grantSource, spendReason, erasureReason, grantKey, spendKey, requestId);

    final List<Delivery> webhooks = new CopyOnWriteArrayList<>();
    final HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      final JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      webhooks.add(new Delivery(body.path("type").asText(), body));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    final KeyPair google = rsa();
    final Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("apps.yaml"), apps(google, "http://127.0.0.1:" + receiver.getAddress().getPort()
        + "/hook"));
    final int gatewayPort = freePort();
    final int projectionsPort = freePort();
    final List<LocalService> services = List.of(
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(freePort()))),
        new ProjectionsLocalService(Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort),
            ProjectionsConfig.WEBHOOK_INITIAL_BACKOFF, "100ms", ProjectionsConfig.WEBHOOK_MAX_BACKOFF, "500ms")),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort))));
    final String gateway = "http://127.0.0.1:" + gatewayPort + "/v1/apps/" + APP;
    final String projections = "http://127.0.0.1:" + projectionsPort + "/v1/apps/" + APP;
    final String player = "/players/" + playerId;
    final List<String> refs = new ArrayList<>();

    try (LocalStack stack = LocalStack.start(new LocalConfig(freePort(), freePort(), freePort(), data), services)) {
      // --- What the player did.
      final String purchaseData = "{\"orderId\":\"" + googleOrder + "\",\"packageName\":\"" + PACKAGE
          + "\",\"productId\":\"gems.100\",\"purchaseTime\":" + System.currentTimeMillis()
          + ",\"purchaseState\":0,\"purchaseToken\":\"" + googleToken + "\",\"quantity\":1,\"acknowledged\":true}";
      final JsonNode bought = post(gateway + "/purchases", Map.of("playerId", playerId, "store", "google_play",
          "receipt", Map.of("purchaseData", purchaseData, "signature", sign(purchaseData, google)),
          "price", "0.99", "currency", "EUR", "country", "DE"), Map.of(), 200);
      final String ref = bought.path("playerRef").asText();
      assertThat(bought.path("status").asText()).isEqualTo("APPLIED");
      final String testReceipt = TestReceipts.sign(new TestReceipt(APP, testTransaction, "gems_100", Instant.now(), 1,
          new BigDecimal("1.99"), "USD"), TEST_SECRET);
      post(gateway + "/purchases", Map.of("playerId", playerId, "store", "test", "receipt",
          Map.of("signedReceipt", testReceipt)), Map.of(), 200);
      post(gateway + player + "/grants", Map.of("idempotencyKey", grantKey, "reason", grantReason,
          "sourceRefId", grantSource, "grants", Map.of("currencies", Map.of("gems", 50))),
          Map.of("X-Request-Id", requestId), 200);
      post(gateway + player + "/spend", Map.of("idempotencyKey", spendKey, "currency", "gems", "amount", 30,
          "reason", spendReason), Map.of(), 200);
      // The store refunds the Google order: the notification finds the purchase by its store ref.
      final String voided = "{\"version\":\"1.0\",\"packageName\":\"" + PACKAGE + "\",\"eventTimeMillis\":\""
          + System.currentTimeMillis() + "\",\"voidedPurchaseNotification\":{\"purchaseToken\":\"" + googleToken
          + "\",\"orderId\":\"" + googleOrder + "\",\"productType\":2,\"refundType\":1}}";
      final Map<String, Object> push = Map.of("message", Map.of("data",
          Base64.getEncoder().encodeToString(voided.getBytes(StandardCharsets.UTF_8)),
          "messageId", "msg-" + run, "publishTime", Instant.now().toString()), "subscription", "projects/x/subs/y");
      final JsonNode refund = Await.value("the refund finds its purchase", Duration.ofSeconds(60), () -> {
        final Response r = send("POST", gateway + "/notifications/google?token=" + GOOGLE_TOKEN, push, Map.of());
        return r.status() == 200 ? Optional.of(r.body()) : Optional.empty();
      });
      assertThat(refund.path("status").asText()).as(refund.toString()).isEqualTo("APPLIED");
      final long version = refund.path("version").asLong();
      assertThat(version).isEqualTo(5);
      Await.until("the player's webhooks delivered", Duration.ofSeconds(60),
          () -> webhooks.stream().filter(w -> w.body().path("playerRef").asText().equals(ref)).count() >= 5);

      // --- Before the erasure, the export shows all of it.
      final JsonNode export = Await.value("the export lists the webhooks sent", Duration.ofSeconds(60), () -> {
        final JsonNode e = get(projections + player + "/export?minVersion=" + version, 200);
        return e.path("webhooks").size() >= 5 ? Optional.of(e) : Optional.empty();
      });
      assertThat(export.path("playerId").asText()).isEqualTo(playerId);
      assertThat(export.path("playerRef").asText()).isEqualTo(ref);
      assertThat(export.path("version").asLong()).isEqualTo(version);
      assertThat(export.path("balances").toString()).contains("\"gems\"");
      final JsonNode purchases = export.path("purchases");
      assertThat(purchases).hasSize(2);
      final JsonNode googlePurchase = find(purchases, p -> "GOOGLE_PLAY".equals(p.path("store").asText()));
      assertThat(googlePurchase.path("storeIds").path("transactionId").asText()).isEqualTo(googleOrder);
      assertThat(googlePurchase.path("storeIds").path("purchaseToken").asText()).isEqualTo(googleToken);
      assertThat(googlePurchase.path("status").asText()).isEqualTo("REFUNDED");
      assertThat(find(purchases, p -> "TEST".equals(p.path("store").asText())).path("storeIds")
          .path("transactionId").asText()).isEqualTo(testTransaction);
      final JsonNode ledger = export.path("ledger");
      assertThat(ledger).hasSize(5);
      final JsonNode granted = find(ledger, c -> "GRANT_ISSUED".equals(c.path("eventType").asText()));
      assertThat(granted.path("cause").path("reason").asText()).isEqualTo(grantReason);
      assertThat(granted.path("cause").path("sourceRefId").asText()).isEqualTo(grantSource);
      assertThat(granted.path("cause").path("idempotencyKey").asText()).isEqualTo(grantKey);
      assertThat(granted.path("cause").path("requestId").asText()).isEqualTo(requestId);
      final JsonNode spent = find(ledger, c -> "CURRENCY_SPENT".equals(c.path("eventType").asText()));
      assertThat(spent.path("cause").path("reason").asText()).isEqualTo(spendReason);
      assertThat(spent.path("cause").path("idempotencyKey").asText()).isEqualTo(spendKey);
      assertThat(export.path("webhooks")).allSatisfy(w -> assertThat(w.path("result").asText()).isEqualTo("DELIVERED"));
      assertThat(export.toString()).doesNotContain("encryptedDetails");

      // --- The erasure.
      final JsonNode erased = send("DELETE", gateway + player + "?reason=" + erasureReason, null, Map.of()).body();
      assertThat(erased.path("result").asText()).as(erased.toString()).isEqualTo("erased");
      final Delivery deleted = Await.value("the one player.deleted webhook", Duration.ofSeconds(60),
          () -> webhooks.stream().filter(w -> w.type().equals("player.deleted")).findFirst());
      assertThat(deleted.body().path("playerId").asText()).as("the one time the id leaves Coffer").isEqualTo(playerId);
      assertThat(deleted.body().path("playerRef").asText()).isEqualTo(ref);
      assertThat(deleted.body().path("eventId").asText()).isEqualTo(erased.path("eventId").asText());
      assertThat(deleted.body().path("version").asLong()).isEqualTo(version + 1);
      assertThat(webhooks.stream().filter(w -> !w.type().equals("player.deleted")))
          .allSatisfy(w -> assertThat(w.body().toString()).doesNotContain(playerId));
      assertThat(send("DELETE", gateway + player, null, Map.of()).body().path("result").asText())
          .isEqualTo("no_op_already_erased");
      assertThat(send("DELETE", gateway + "/players/nobody-" + run, null, Map.of()).body().path("result").asText())
          .isEqualTo("no_op_never_existed");
      assertThat(send("GET", projections + player + "/export", null, Map.of()).body().path("code").asText())
          .isEqualTo("PLAYER_ERASED");
      // The data key is destroyed once the webhook went: the last player-keys record of the ref is a tombstone.
      Await.until("the data key destroyed", Duration.ofSeconds(60), () -> lastKeyIsTombstone(stack, ref));

      // --- Nothing left leads back to the person: every topic as raw bytes.
      final List<String> needles = new ArrayList<>(personal);
      // Controls: what must be found, so a scan that sees nothing cannot pass.
      needles.add(ref);
      needles.add("gems.100");
      final Map<String, Set<String>> inTopics = RawScan.topics(stack.bootstrapServers(), needles);
      assertThat(inTopics).as("the scan reads the topics: the player's ref and the SKU are in them")
          .containsKeys(ref, "gems.100");
      for (final String value : personal) {
        assertThat(inTopics.get(value)).as("topics holding %s", value).isNull();
      }
      refs.add(ref);

      // --- The same external id again: a new player, unlinked to the erased one.
      final JsonNode reborn = post(gateway + player + "/grants", Map.of("idempotencyKey", grantKey, "reason", "again",
          "grants", Map.of("currencies", Map.of("gems", 1))), Map.of(), 200);
      assertThat(reborn.path("status").asText()).as(reborn.toString()).isEqualTo("APPLIED");
      assertThat(reborn.path("version").asLong()).isEqualTo(1);
      assertThat(reborn.path("playerRef").asText()).isNotEqualTo(ref);
      assertThat(get(projections + player + "/export?minVersion=1", 200).path("ledger")).hasSize(1);
    } finally {
      receiver.stop(0);
    }
    // Every file of the stopped stack (closing flushes the stores' memtables): broker log segments, state
    // stores, checkpoints, the registry's database.
    final List<String> needles = new ArrayList<>(personal);
    needles.add(refs.getFirst());
    final Map<String, Set<String>> inFiles = RawScan.files(data, needles);
    assertThat(inFiles).as("the scan reads the files: the ref is in the state stores and log segments")
        .containsKey(refs.getFirst());
    assertThat(inFiles.get(refs.getFirst())).anyMatch(f -> f.startsWith("services"))
        .anyMatch(f -> f.startsWith("kafka"));
    for (final String value : personal) {
      assertThat(inFiles.get(value)).as("files holding %s", value).isNull();
    }
  }

  /** Whether the last record of the player's key in {@code coffer.player-keys} is a tombstone. */
  private static boolean lastKeyIsTombstone(final LocalStack stack, final String ref) {
    final List<byte[]> values = RawScan.values(stack.bootstrapServers(), "coffer.player-keys", APP + "|" + ref);
    return !values.isEmpty() && values.getLast() == null;
  }

  private static JsonNode find(final JsonNode array, final java.util.function.Predicate<JsonNode> test) {
    return StreamSupport.stream(array.spliterator(), false).filter(test).findFirst()
        .orElseThrow(() -> new AssertionError("nothing matches in " + array));
  }

  private static String apps(final KeyPair google, final String webhookUrl) {
    return """
        apps:
          - appId: %s
            keys:
              - {label: server, role: server, sha256: %s}
            pseudonymKey: e2e-pseudonym-key-0123456789abcdef0123
            playerTokenSecret: e2e-player-token-secret-0123456789abcdef
            stores:
              test: {secret: %s}
              googlePlay: {packageName: %s, publicKey: "%s", notificationToken: %s}
            webhooks: {url: "%s", secrets: [e2e-webhook-secret-0123456789abcdef0123]}
            catalog:
              products:
                - {productId: gems_100, productType: CONSUMABLE, storeProductIds: {test: gems_100, google_play: gems.100}, grants: {currencies: {gems: 100}}}
        """
        .formatted(APP, ApiKeys.sha256Hex(SERVER_KEY), TEST_SECRET, PACKAGE,
            Base64.getEncoder().encodeToString(google.getPublic().getEncoded()), GOOGLE_TOKEN, webhookUrl);
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static String sign(final String data, final KeyPair key) throws GeneralSecurityException {
    final Signature signature = Signature.getInstance("SHA1withRSA");
    signature.initSign(key.getPrivate());
    signature.update(data.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  /** An answer: status and JSON body. */
  private record Response(int status, JsonNode body) {
  }

  private static JsonNode post(final String url, final Object body, final Map<String, String> headers,
                               final int expected) {
    final Response r = send("POST", url, body, headers);
    assertThat(r.status()).as("POST %s answered %s", url, r.body()).isEqualTo(expected);
    return r.body();
  }

  private static JsonNode get(final String url, final int expected) {
    final Response r = send("GET", url, null, Map.of());
    assertThat(r.status()).as("GET %s answered %s", url, r.body()).isEqualTo(expected);
    return r.body();
  }

  private static Response send(final String method, final String url, final Object body,
                               final Map<String, String> headers) {
    try {
      return call(method, url, body, headers);
    } catch (final IOException e) {
      throw new AssertionError(method + " " + url + " failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Response call(final String method, final String url, final Object body,
                               final Map<String, String> headers) throws IOException, InterruptedException {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("@", "%40")))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + SERVER_KEY)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    final Map<String, String> all = new HashMap<>(headers);
    all.forEach(request::header);
    final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body().isEmpty() ? JSON.nullNode()
        : JSON.readTree(response.body()));
  }

  /** The next of this class's distinct free ports (asked together: one asked and closed may come again). */
  private static int freePort() {
    return PORTS.next();
  }
}
