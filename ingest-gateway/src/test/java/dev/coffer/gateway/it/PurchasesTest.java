package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.http.Access;
import dev.coffer.gateway.receipts.apple.ApplePki;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class PurchasesTest {

  static Map<String, Object> purchase(final String playerId, final String store, final String productId,
                                      final Map<String, Object> receipt) {
    final Map<String, Object> body = new HashMap<>();
    body.put("playerId", playerId);
    body.put("store", store);
    if (productId != null) {
      body.put("productId", productId);
    }
    body.put("receipt", receipt);
    return body;
  }

  static String player() {
    return "player-" + UUID.randomUUID();
  }

  /** Buys the sword with the Apple {@code transaction} for {@code playerId}, and checks it was recorded. */
  static Http.Response buyAppleSword(final GatewayHarness h, final String playerId,
                                     final Map<String, Object> transaction) {
    final Http.Response bought = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, purchase(playerId,
        "apple_app_store", "sword_pack", Map.of("signedTransaction", h.app.apple.sign(transaction))));
    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    return bought;
  }

  @Test
  void recordsATestStorePurchaseAndAnswersARetryWithTheOriginal(final GatewayHarness h) {
    final String player = player();
    final Map<String, Object> body = purchase(player, "test", "gems_100",
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "gems_100")));
    body.put("country", "DE");
    body.put("os", "android");

    final Http.Response first = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, body);
    final Http.Response retry = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, body);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(UUID.fromString(first.body().get("eventId").asText())).isNotNull();
    assertThat(first.body().get("balances").get(0).get("currency").asText()).isEqualTo("gems");
    assertThat(first.body().get("balances").get(0).get("balance").asLong()).isEqualTo(100);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
    assertThat(retry.body().get("status").asText()).isEqualTo("DUPLICATE");
    assertThat(retry.body().get("originalEventId").asText()).isEqualTo(first.body().get("eventId").asText());
    assertThat(retry.body().get("eventId").asText()).isNotEqualTo(first.body().get("eventId").asText());
    assertThat(retry.body().get("version").asLong()).as("the original's version")
        .isEqualTo(first.body().get("version").asLong());
  }

  @Test
  void refusesAReceiptReplayedForASecondPlayer(final GatewayHarness h) {
    final Map<String, Object> receipt = Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "gems_100"));

    final Http.Response first = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY,
        purchase(player(), "test", "gems_100", receipt));
    final Http.Response replay = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY,
        purchase(player(), "test", "gems_100", receipt));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(replay.status()).as(replay.toString()).isEqualTo(409);
    assertThat(replay.code()).isEqualTo("RECEIPT_ALREADY_USED");
    assertThat(replay.contentType()).startsWith("application/problem+json");
  }

  @Test
  void recordsGooglePlayAndCafeBazaarPurchases(final GatewayHarness h) {
    final String order = TestApp.transactionId();
    final String google = TestApp.purchaseData(order, TestApp.PACKAGE, "gems.100", 0);
    final String bazaarData = TestApp.purchaseData(TestApp.transactionId(), TestApp.PACKAGE, "gems.100", 0);

    final Http.Response gp = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, purchase(player(), "google_play",
        "gems_100", Map.of("purchaseData", google, "signature", TestApp.sign(google, h.app.google))));
    final Http.Response bazaar = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, purchase(player(),
        "cafe_bazaar", "gems_100", Map.of("purchaseData", bazaarData, "signature", TestApp.sign(bazaarData,
            h.app.bazaar))));

    assertThat(gp.status()).as(gp.toString()).isEqualTo(200);
    assertThat(gp.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(bazaar.status()).as(bazaar.toString()).isEqualTo(200);
  }

  @Test
  void recordsAnAppStorePurchase(final GatewayHarness h) {
    final String signed = h.app.apple.sign(TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100"));

    final Http.Response r = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY,
        purchase(player(), "apple_app_store", "gems_100", Map.of("signedTransaction", signed)));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body().get("status").asText()).isEqualTo("APPLIED");
  }

  @Test
  void refusesBadReceiptsEachWithItsOwnCode(final GatewayHarness h) {
    final String data = TestApp.purchaseData(TestApp.transactionId(), TestApp.PACKAGE, "gems.100", 0);
    final String otherPackage = TestApp.purchaseData(TestApp.transactionId(), "com.example.other", "gems.100", 0);
    final Map<String, Object> otherBundle = TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100");
    otherBundle.put("bundleId", "com.example.other");
    final Map<String, Object> revoked = TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100");
    revoked.put("revocationDate", Instant.now().toEpochMilli());
    revoked.put("revocationReason", 0);
    final String original = TestApp.transactionId();
    final Map<String, Object> expired = TestApp.appleSubscription(original, original,
        Instant.now().minus(Duration.ofMinutes(1)));

    expectRejected(h, purchase(player(), "google_play", "gems_100",
        Map.of("purchaseData", data, "signature", TestApp.sign(data, TestApp.rsa(2048)))), "BAD_SIGNATURE");
    expectRejected(h, purchase(player(), "google_play", "gems_100",
        Map.of("purchaseData", otherPackage, "signature", TestApp.sign(otherPackage, h.app.google))), "WRONG_PACKAGE");
    expectRejected(h, purchase(player(), "apple_app_store", "gems_100",
        Map.of("signedTransaction", h.app.apple.sign(otherBundle))), "WRONG_BUNDLE_ID");
    expectRejected(h, purchase(player(), "apple_app_store", "gems_100", Map.of("signedTransaction",
        ApplePki.create().sign(TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100")))),
        "UNTRUSTED_CHAIN");
    expectRejected(h, purchase(player(), "apple_app_store", "gems_100", Map.of("signedTransaction",
        h.app.apple.forge(TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100")))),
        "BAD_SIGNATURE");
    expectRejected(h, purchase(player(), "apple_app_store", "gems_100",
        Map.of("signedTransaction", h.app.apple.sign(revoked))), "TRANSACTION_REVOKED");
    expectRejected(h, purchase(player(), "apple_app_store", "vip",
        Map.of("signedTransaction", h.app.apple.sign(expired))), "TRANSACTION_EXPIRED");
    expectRejected(h, purchase(player(), "apple_app_store", "sword_pack", Map.of("signedTransaction",
        h.app.apple.sign(TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100")))),
        "PRODUCT_MISMATCH");
    expectRejected(h, purchase(player(), "test", "gems_100", Map.of("signedReceipt",
        h.app.testReceipt(TestApp.transactionId(), "gems_100") + "x")), "BAD_SIGNATURE");
  }

  private static void expectRejected(final GatewayHarness h, final Map<String, Object> body, final String code) {
    final Http.Response r = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, body);
    assertThat(r.status()).as(code + ": " + r).isEqualTo(422);
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void letsAClientKeyPurchaseOnlyForThePlayerOfItsToken(final GatewayHarness h) {
    final String player = player();
    final String token = h.app.app().issuePlayerToken(player, Instant.now().plusSeconds(300));
    final Map<String, Object> body = purchase(player, "test", "gems_100",
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "gems_100")));

    final Http.Response noToken = h.http.post(h.path("/purchases"), TestApp.CLIENT_KEY, body);
    final Http.Response otherPlayer = h.http.send("POST", h.path("/purchases"), TestApp.CLIENT_KEY, body,
        Map.of(Access.PLAYER_TOKEN_HEADER, h.app.app().issuePlayerToken("someone-else",
            Instant.now().plusSeconds(300))));
    final Http.Response ok = h.http.send("POST", h.path("/purchases"), TestApp.CLIENT_KEY, body,
        Map.of(Access.PLAYER_TOKEN_HEADER, token));
    final Map<String, Object> dynamic = new HashMap<>(body);
    dynamic.put("grants", Map.of("currencies", Map.of("gold", 5)));
    final Http.Response clientGrants = h.http.send("POST", h.path("/purchases"), TestApp.CLIENT_KEY, dynamic,
        Map.of(Access.PLAYER_TOKEN_HEADER, token));

    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.code()).isEqualTo("PLAYER_TOKEN_INVALID");
    assertThat(otherPlayer.code()).isEqualTo("PLAYER_TOKEN_INVALID");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(clientGrants.status()).isEqualTo(403);
    assertThat(clientGrants.code()).isEqualTo("KEY_NOT_ALLOWED");
  }

  @Test
  void takesDynamicGrantsFromAServerKeyAndConsumesThemOnConfirmation(final GatewayHarness h) {
    final Map<String, Object> body = purchase(player(), "test", "starter_offer",
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "offer.sku.1")));
    body.put("storeProductId", "offer.sku.1");
    body.put("grants", Map.of("currencies", Map.of("gold", 250), "items", Map.of("potion", 2)));

    final Http.Response r = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, body);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    final JsonNode balances = r.body().get("balances");
    assertThat(balances.toString()).contains("\"gold\"").contains("250");
    // Two potions consumed on confirmation credit what consuming them would: 2 x 5 hp.
    assertThat(balance(r, "hp")).isEqualTo(10);
  }

  @Test
  void anAutoConsumedPurchaseGivesWhatBuyingThenConsumingGives(final GatewayHarness h) {
    final String id = "auto-" + UUID.randomUUID().toString().substring(0, 8);
    final Http.Response put = h.http.send("PUT", h.path("/catalog/products/" + id), TestApp.SERVER_KEY,
        Map.of("productType", "CONSUMABLE", "storeProductIds", Map.of("test", id), "autoConsume", true,
            "grants", Map.of("currencies", Map.of("gems", 1), "items", Map.of("potion", 3, "sword", 1))), Map.of());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);

    final Http.Response r = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, purchase(player(), "test", id,
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), id))));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(balance(r, "hp")).as("3 potions x 5 hp; the permanent sword is not consumed").isEqualTo(15);
    assertThat(balance(r, "gems")).isEqualTo(1);
  }

  private static long balance(final Http.Response r, final String currency) {
    for (final JsonNode b : r.body().get("balances")) {
      if (currency.equals(b.get("currency").asText())) {
        return b.get("balance").asLong();
      }
    }
    throw new AssertionError("no " + currency + " balance in " + r);
  }
}
