package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.receipts.BuyerIds;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receipts bound to their buyer: where the app asks for it, a receipt the store signed for one player
 * (Google obfuscatedAccountId, Apple appAccountToken) cannot be redeemed for another.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class BuyerBindingTest {

  @Test
  void acceptsAGooglePlayReceiptOnlyForThePlayerItNames(final GatewayHarness h) {
    final String alice = PurchasesTest.player();
    final String bob = PurchasesTest.player();
    final String boundToAlice = TestApp.purchaseData(TestApp.transactionId(), "gems.100",
        BuyerIds.obfuscatedAccountId(h.app.appId, alice));
    final String boundToAlice2 = TestApp.purchaseData(TestApp.transactionId(), "gems.100",
        BuyerIds.obfuscatedAccountId(h.app.appId, alice));
    final String unbound = TestApp.purchaseData(TestApp.transactionId(), TestApp.PACKAGE, "gems.100", 0);

    final Http.Response stolen = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        bob, "google_play", "gems_100", Map.of("purchaseData", boundToAlice, "signature",
            TestApp.sign(boundToAlice, h.app.google))));
    final Http.Response own = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        alice, "google_play", "gems_100", Map.of("purchaseData", boundToAlice, "signature",
            TestApp.sign(boundToAlice, h.app.google))));
    final Http.Response notBound = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(alice, "google_play", "gems_100", Map.of("purchaseData", unbound, "signature",
            TestApp.sign(unbound, h.app.google))));
    // An app that did not ask for binding accepts any player (the harness's own gateway).
    final Http.Response unchecked = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        bob, "google_play", "gems_100", Map.of("purchaseData", boundToAlice2, "signature",
            TestApp.sign(boundToAlice2, h.app.google))));

    assertThat(stolen.status()).as(stolen.toString()).isEqualTo(422);
    assertThat(stolen.code()).isEqualTo("RECEIPT_NOT_FOR_PLAYER");
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    assertThat(own.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(notBound.status()).as(notBound.toString()).isEqualTo(422);
    assertThat(notBound.code()).isEqualTo("RECEIPT_NOT_BOUND");
    assertThat(unchecked.status()).as(unchecked.toString()).isEqualTo(200);
  }

  @Test
  void acceptsAnAppStoreTransactionOnlyForThePlayerItsAppAccountTokenNames(final GatewayHarness h) {
    final String alice = PurchasesTest.player();
    final String bob = PurchasesTest.player();
    final Map<String, Object> bound = TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100");
    bound.put("appAccountToken", BuyerIds.appAccountToken(h.app.appId, alice).toString());
    final Map<String, Object> unbound = TestApp.appleTransaction(TestApp.transactionId(), "com.example.gems100");

    final Http.Response stolen = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(bob, "apple_app_store", null, Map.of("signedTransaction", h.app.apple.sign(bound))));
    final Http.Response own = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(alice, "apple_app_store", null, Map.of("signedTransaction", h.app.apple.sign(bound))));
    // CHECK, not REQUIRE: a transaction without a token is still accepted.
    final Http.Response notBound = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(bob, "apple_app_store", null, Map.of("signedTransaction", h.app.apple.sign(unbound))));

    assertThat(stolen.status()).as(stolen.toString()).isEqualTo(422);
    assertThat(stolen.code()).isEqualTo("RECEIPT_NOT_FOR_PLAYER");
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    assertThat(notBound.status()).as(notBound.toString()).isEqualTo(200);
  }
}
