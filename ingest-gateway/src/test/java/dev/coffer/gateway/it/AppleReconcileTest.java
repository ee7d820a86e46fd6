package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.SubscriptionCancelReason;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recovery after lost App Store notifications: a subscription read back through Apple's App Store Server API
 * client (against a local server whose answers are signed by the test chain) records the renewals and status
 * the notifications would have, and the notifications that do arrive later are DUPLICATEs of it.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class AppleReconcileTest {

  private static Http.Response reconcile(final GatewayHarness h, final String original) {
    return Await.value("the reconciliation finds its purchase", Duration.ofSeconds(60), () -> {
      final Http.Response r = h.withOptions().post(h.path("/subscriptions/reconcile"), TestApp.SERVER_KEY,
          Map.of("store", "apple_app_store", "originalTransactionId", original));
      return "UNKNOWN_PURCHASE".equals(r.code()) ? Optional.empty() : Optional.of(r);
    });
  }

  private static Map<String, Object> renewalInfo(final String original, final boolean autoRenew) {
    final Map<String, Object> r = new HashMap<>();
    r.put("originalTransactionId", original);
    r.put("productId", "com.example.vip");
    r.put("autoRenewProductId", "com.example.vip");
    r.put("autoRenewStatus", autoRenew ? 1 : 0);
    r.put("signedDate", Instant.now().toEpochMilli());
    r.put("environment", "Sandbox");
    return r;
  }

  @Test
  void recordsWhatLostNotificationsWouldHaveAndTheLateNotificationsAsDuplicates(final GatewayHarness h) {
    final String original = TestApp.transactionId();
    final Map<String, Object> first = TestApp.appleSubscription(original, original,
        Instant.now().plus(Duration.ofDays(30)));
    final Http.Response bought = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        PurchasesTest.player(), "apple_app_store", "vip", Map.of("signedTransaction", h.app.apple.sign(first))));
    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    final String renewalId = TestApp.transactionId();
    final Instant renewedUntil = Instant.ofEpochMilli(Instant.now().plus(Duration.ofDays(60)).toEpochMilli());
    final Map<String, Object> renewal = TestApp.appleSubscription(renewalId, original, renewedUntil);
    h.appStore().putHistory(original, List.of(h.app.apple.sign(first), h.app.apple.sign(renewal)));
    h.appStore().putStatus(original, 1, h.app.apple.sign(renewal), h.app.apple.sign(renewalInfo(original, false)));

    final Http.Response recovered = reconcile(h, original);
    final Http.Response lateRenewal = h.withOptions().post(h.path("/notifications/apple"), null, Map.of(
        "signedPayload", h.app.apple.sign(TestApp.appleNotification("DID_RENEW", null, h.app.apple.sign(renewal)))));
    final Http.Response lateCancel = h.withOptions().post(h.path("/notifications/apple"), null, Map.of(
        "signedPayload", h.app.apple.sign(TestApp.appleNotification("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED",
            h.app.apple.sign(renewal)))));
    final Http.Response again = reconcile(h, original);
    final Http.Response withoutApi = h.http.post(h.path("/subscriptions/reconcile"), TestApp.SERVER_KEY,
        Map.of("store", "apple_app_store", "originalTransactionId", original));

    assertThat(statuses(recovered)).as(recovered.toString()).containsExactly("DUPLICATE", "APPLIED", "APPLIED");
    assertThat(lateRenewal.body().get("status").asText()).as(lateRenewal.toString()).isEqualTo("DUPLICATE");
    assertThat(lateCancel.body().get("status").asText()).as(lateCancel.toString()).isEqualTo("DUPLICATE");
    assertThat(statuses(again)).as(again.toString()).containsExactly("DUPLICATE", "DUPLICATE", "DUPLICATE");
    assertThat(withoutApi.code()).as(withoutApi.toString()).isEqualTo("STORE_API_NOT_CONFIGURED");
    final SubscriptionUpdated cancelled = Topics.submitted(h.stack).stream().map(LedgerEvent::getPayload)
        .filter(p -> p instanceof SubscriptionUpdated u
            && u.getOriginalTransactionId().equals(h.app.ref(Store.APPLE_APP_STORE, original)))
        .map(SubscriptionUpdated.class::cast).findFirst().orElseThrow();
    assertThat(cancelled.getStatus()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelled.getExpiresAt()).isEqualTo(renewedUntil);
    assertThat(cancelled.getAutoRenew()).isFalse();
    assertThat(cancelled.getCancelReason()).isEqualTo(SubscriptionCancelReason.CUSTOMER);
    assertThat(h.appStore().problems()).isEmpty();
  }

  @Test
  void recordsARefundTheHistoryShowsOnceWithTheNotificationOfIt(final GatewayHarness h) {
    final String original = TestApp.transactionId();
    final Map<String, Object> first = TestApp.appleSubscription(original, original,
        Instant.now().plus(Duration.ofDays(30)));
    assertThat(h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        PurchasesTest.player(), "apple_app_store", "vip", Map.of("signedTransaction", h.app.apple.sign(first))))
        .status()).isEqualTo(200);
    final Map<String, Object> refunded = new HashMap<>(first);
    refunded.put("revocationDate", Instant.now().minusSeconds(30).toEpochMilli());
    refunded.put("revocationReason", 1);
    h.appStore().putHistory(original, List.of(h.app.apple.sign(refunded)));
    h.appStore().putStatus(original, 5, h.app.apple.sign(refunded), h.app.apple.sign(renewalInfo(original, false)));

    final Http.Response recovered = reconcile(h, original);
    final Http.Response lateRefund = h.withOptions().post(h.path("/notifications/apple"), null, Map.of(
        "signedPayload", h.app.apple.sign(TestApp.appleNotification("REFUND", null, h.app.apple.sign(refunded)))));

    assertThat(statuses(recovered)).as(recovered.toString()).hasSize(3).startsWith("DUPLICATE");
    assertThat(lateRefund.body().get("status").asText()).as(lateRefund.toString()).isEqualTo("DUPLICATE");
    assertThat(Topics.submitted(h.stack).stream().map(LedgerEvent::getPayload)
        .filter(p -> p instanceof PurchaseRevoked r
            && r.getTransactionId().equals(h.app.ref(Store.APPLE_APP_STORE, original)))).hasSize(2);
  }

  private static List<String> statuses(final Http.Response r) {
    final JsonNode events = r.body().path("events");
    return StreamSupport.stream(events.spliterator(), false).map(e -> e.path("status").asText()).toList();
  }
}
