package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.receipts.apple.ApplePki;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class NotificationsTest {

  /** Posts until the purchase index knows the purchase (it follows the purchase log, like a store retrying). */
  private static Http.Response deliver(final GatewayHarness h, final String path, final Object body) {
    return Await.value("the notification finds its purchase", Duration.ofSeconds(60), () -> {
      final Http.Response r = h.http.post(path, null, body);
      return "UNKNOWN_PURCHASE".equals(r.code()) ? Optional.empty() : Optional.of(r);
    });
  }

  /** Buys the Apple sword {@code tx} for {@code player} and has the refund applied; returns the sword as bought. */
  private static Map<String, Object> swordBoughtAndRefunded(final GatewayHarness h, final String player,
                                                            final String tx) {
    final Map<String, Object> sword = TestApp.appleSword(tx);
    PurchasesTest.buyAppleSword(h, player, sword);
    final Http.Response refund = deliver(h, h.path("/notifications/apple"), h.app.appleRefundNotification(sword));
    assertThat(refund.body().get("status").asText()).as(refund.toString()).isEqualTo("APPLIED");
    return sword;
  }

  @Test
  void turnsAnAppleRefundIntoARevocationOnce(final GatewayHarness h) {
    final Map<String, Object> sword = TestApp.appleSword(TestApp.transactionId());
    PurchasesTest.buyAppleSword(h, PurchasesTest.player(), sword);
    final Map<String, Object> refunded = TestApp.appleRefunded(sword);
    final Map<String, Object> body = Map.of("signedPayload",
        h.app.apple.sign(TestApp.appleNotification("REFUND", null, h.app.apple.sign(refunded))));

    final Http.Response first = deliver(h, h.path("/notifications/apple"), body);
    final Http.Response redelivered = h.http.post(h.path("/notifications/apple"), null, body);
    final Http.Response untrusted = h.http.post(h.path("/notifications/apple"), null, Map.of("signedPayload",
        ApplePki.create().sign(TestApp.appleNotification("REFUND", null, h.app.apple.sign(refunded)))));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(first.body().get("instances").get(0).get("instance").get("status").asText()).isEqualTo("REVOKED");
    assertThat(redelivered.body().get("status").asText()).as(redelivered.toString()).isEqualTo("DUPLICATE");
    assertThat(untrusted.code()).isEqualTo("UNTRUSTED_CHAIN");
  }

  @Test
  void turnsAnAppleRefundReversalIntoAReinstatement(final GatewayHarness h) {
    final String tx = TestApp.transactionId();
    final Map<String, Object> sword = swordBoughtAndRefunded(h, PurchasesTest.player(), tx);
    final Map<String, Object> reversal = TestApp.appleNotification("REFUND_REVERSED", null, h.app.apple.sign(sword));

    // The ledger's fold takes reinstatements in a later change: the event is recorded (200 or 202).
    final Http.Response reinstated = h.quick().post(h.path("/notifications/apple"), null,
        Map.of("signedPayload", h.app.apple.sign(reversal)));

    assertThat(reinstated.status()).as(reinstated.toString()).isIn(200, 202);
    final LedgerEvent event = Topics.submitted(h.stack).stream()
        .filter(e -> e.getPayload() instanceof PurchaseReinstated r
            && r.getTransactionId().equals(h.app.app().pseudonyms().storeRef(Store.APPLE_APP_STORE, tx)))
        .findFirst().orElseThrow();
    final PurchaseReinstated payload = (PurchaseReinstated) event.getPayload();
    assertThat(payload.getStore()).isEqualTo(Store.APPLE_APP_STORE);
    assertThat(payload.getReinstatedAt().toEpochMilli()).isEqualTo((Long) reversal.get("signedDate"));
    assertThat(event.getPlayerRef()).isEqualTo(Topics.submitted(h.stack).stream()
        .filter(e -> e.getPayload() instanceof PurchaseVerified p
            && p.getTransactionId().equals(h.app.app().pseudonyms().storeRef(Store.APPLE_APP_STORE, tx)))
        .findFirst().orElseThrow().getPlayerRef());
  }

  @Test
  void recordsAnAppleRenewalAndExpiry(final GatewayHarness h) {
    final String original = TestApp.transactionId();
    final String first = h.app.apple.sign(TestApp.appleSubscription(original, original,
        Instant.now().plus(Duration.ofDays(30))));
    final Http.Response bought = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        PurchasesTest.player(), "apple_app_store", "vip", Map.of("signedTransaction", first)));
    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    final String renewalTx = TestApp.transactionId();
    final String renewal = h.app.apple.sign(TestApp.appleSubscription(renewalTx, original,
        Instant.now().plus(Duration.ofDays(60))));

    final Http.Response renewed = deliver(h, h.path("/notifications/apple"), Map.of("signedPayload",
        h.app.apple.sign(TestApp.appleNotification("DID_RENEW", null, renewal))));
    final Http.Response expired = h.http.post(h.path("/notifications/apple"), null, Map.of("signedPayload",
        h.app.apple.sign(TestApp.appleNotification("EXPIRED", "VOLUNTARY", renewal))));
    final Http.Response test = h.http.post(h.path("/notifications/apple"), null, Map.of("signedPayload",
        h.app.apple.sign(TestApp.appleNotification("TEST", null, renewal))));

    assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
    assertThat(renewed.body().get("status").asText()).as(renewed.toString()).isEqualTo("APPLIED");
    assertThat(expired.status()).as(expired.toString()).isEqualTo(200);
    assertThat(expired.body().get("status").asText()).as(expired.toString()).isEqualTo("APPLIED");
    assertThat(test.body().get("status").asText()).isEqualTo("IGNORED");
  }

  @Test
  void turnsAGoogleVoidedPurchaseIntoARevocation(final GatewayHarness h) {
    final String order = TestApp.transactionId();
    final String data = TestApp.purchaseData(order, TestApp.PACKAGE, "gems.100", 0);
    final Http.Response bought = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        PurchasesTest.player(), "google_play", "gems_100",
        Map.of("purchaseData", data, "signature", TestApp.sign(data, h.app.google))));
    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    final String notification = "{\"version\":\"1.0\",\"packageName\":\"" + TestApp.PACKAGE
        + "\",\"eventTimeMillis\":\"" + System.currentTimeMillis() + "\",\"voidedPurchaseNotification\":"
        + "{\"purchaseToken\":\"token-" + order + "\",\"orderId\":\"GPA." + order + "\",\"productType\":2,"
        + "\"refundType\":1}}";
    final Map<String, Object> push = Map.of("message", Map.of("data",
        Base64.getEncoder().encodeToString(notification.getBytes(StandardCharsets.UTF_8)),
        "messageId", UUID.randomUUID().toString(), "publishTime", Instant.now().toString()),
        "subscription", "projects/x/subscriptions/y");

    final Http.Response voided = deliver(h, h.path("/notifications/google?token=" + TestApp.GOOGLE_TOKEN), push);
    final Http.Response noToken = h.http.post(h.path("/notifications/google"), null, push);

    assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
    assertThat(voided.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(voided.body().get("balances").get(0).get("balance").asLong()).isZero();
    assertThat(noToken.status()).isEqualTo(403);
  }

  @Test
  void aCallersKeyNamedLikeAnAppleNotificationNeverCollidesWithIt(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final Map<String, Object> sword = swordBoughtAndRefunded(h, player, TestApp.transactionId());
    final Map<String, Object> reversal = TestApp.appleNotification("REFUND_REVERSED", null, h.app.apple.sign(sword));
    // The reversal is keyed apple:<notificationUUID>: the caller takes that very key first.
    final Http.Response grant = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", "apple:" + reversal.get("notificationUUID"), "reason", "r",
            "grants", Map.of("currencies", Map.of("gems", 1))));

    final Http.Response reinstated = h.http.post(h.path("/notifications/apple"), null,
        Map.of("signedPayload", h.app.apple.sign(reversal)));

    assertThat(grant.body().get("status").asText()).as(grant.toString()).isEqualTo("APPLIED");
    assertThat(reinstated.status()).as(reinstated.toString()).isEqualTo(200);
    assertThat(reinstated.body().get("status").asText()).as(reinstated.toString()).isEqualTo("APPLIED");
    assertThat(reinstated.body().get("eventType").asText()).isEqualTo("PURCHASE_REINSTATED");
  }
}
