package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.receipts.BuyerIds;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.SubscriptionCancelReason;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Google Play notifications read through the Play Developer API (Google's client against a local server):
 * partial refunds claw back only the refunded units; subscription notifications and on-demand reconciliation
 * record renewals and states, idempotent on Google's ids.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class GooglePlayApiEventsTest {

  private static Map<String, Object> push(final String notification) {
    return Map.of("message", Map.of("data",
        Base64.getEncoder().encodeToString(notification.getBytes(StandardCharsets.UTF_8)),
        "messageId", UUID.randomUUID().toString(), "publishTime", Instant.now().toString()),
        "subscription", "projects/x/subscriptions/y");
  }

  private static String developerNotification(final String body) {
    return "{\"version\":\"1.0\",\"packageName\":\"" + TestApp.PACKAGE + "\",\"eventTimeMillis\":\""
        + System.currentTimeMillis() + "\"," + body + "}";
  }

  /** Posts until the purchase index knows the purchase (Pub/Sub redelivers likewise). */
  private static Http.Response deliver(final Http http, final GatewayHarness h, final String path, final Object body) {
    return Await.value("the notification finds its purchase", Duration.ofSeconds(60), () -> {
      final Http.Response r = http.post(path, null, body);
      return "UNKNOWN_PURCHASE".equals(r.code()) ? Optional.empty() : Optional.of(r);
    });
  }

  private static String bought(final GatewayHarness h, final String player, final String sku, final String order,
                               final int quantity) {
    final String data = "{\"orderId\":\"" + order + "\",\"packageName\":\"" + TestApp.PACKAGE + "\",\"productId\":\""
        + sku + "\",\"purchaseTime\":" + System.currentTimeMillis() + ",\"purchaseState\":0,\"purchaseToken\":\"token-"
        + order + "\",\"quantity\":" + quantity + ",\"obfuscatedAccountId\":\""
        + BuyerIds.obfuscatedAccountId(h.app.appId, player) + "\",\"acknowledged\":false}";
    final Http.Response r = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        player, "google_play", null, Map.of("purchaseData", data, "signature", TestApp.sign(data, h.app.google))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return "token-" + order;
  }

  @Test
  void clawsBackOnlyTheUnitsOfAQuantityBasedPartialRefund(final GatewayHarness h) {
    final String order = "GPA." + TestApp.transactionId();
    final String token = bought(h, PurchasesTest.player(), "gems.100", order, 3);
    final Instant voidedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    final Map<String, Object> voided = new HashMap<>(Map.of("kind", "androidpublisher#voidedPurchase",
        "purchaseToken", token, "orderId", order, "purchaseTimeMillis", Long.toString(voidedAt.toEpochMilli() - 1000),
        "voidedTimeMillis", Long.toString(voidedAt.toEpochMilli()), "voidedSource", 0, "voidedReason", 1,
        "voidedQuantity", 1));
    h.googlePlay().addVoided(voided);
    final Map<String, Object> partial = push(developerNotification(
        "\"voidedPurchaseNotification\":{\"purchaseToken\":\""
            + token + "\",\"orderId\":\"" + order + "\",\"productType\":2,\"refundType\":2}"));

    final Http.Response refunded = deliver(h.withOptions(), h,
        h.path("/notifications/google?token=" + TestApp.GOOGLE_TOKEN), partial);
    final Http.Response withoutApi = h.http.post(h.path("/notifications/google?token=" + TestApp.GOOGLE_TOKEN),
        null, partial);

    assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
    assertThat(refunded.body().get("status").asText()).isIn("APPLIED", "REJECTED");
    final PurchaseRevoked revoked = Topics.submitted(h.stack).stream().map(LedgerEvent::getPayload)
        .filter(p -> p instanceof PurchaseRevoked r && r.getTransactionId().equals(h.app.ref(Store.GOOGLE_PLAY, order)))
        .map(PurchaseRevoked.class::cast).findFirst().orElseThrow();
    assertThat(revoked.getQuantity()).isEqualTo(1L);
    assertThat(revoked.getRevokedAt()).isEqualTo(voidedAt);
    assertThat(withoutApi.status()).as(withoutApi.toString()).isEqualTo(422);
    assertThat(withoutApi.code()).isEqualTo("STORE_API_NOT_CONFIGURED");
    assertThat(h.googlePlay().problems()).isEmpty();
  }

  @Test
  void recordsRenewalsAndStatesFromTheApiOnceWhetherNotifiedOrReconciled(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final String order = "GPA." + TestApp.transactionId();
    final String token = bought(h, player, "vip", order, 1);
    final Instant expiry = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.MILLIS);
    h.googlePlay().putSubscription(token, subscription("SUBSCRIPTION_STATE_ACTIVE", order + "..0", expiry, true,
        null));
    final String renewed = developerNotification("\"subscriptionNotification\":{\"version\":\"1.0\","
        + "\"notificationType\":2,\"purchaseToken\":\"" + token + "\",\"subscriptionId\":\"vip\"}");

    final Http.Response first = deliver(h.withOptions(), h,
        h.path("/notifications/google?token=" + TestApp.GOOGLE_TOKEN), push(renewed));
    final Http.Response again = h.withOptions().post(h.path("/notifications/google?token=" + TestApp.GOOGLE_TOKEN),
        null, push(renewed));
    final Http.Response reconciled = h.withOptions().post(h.path("/subscriptions/reconcile"), TestApp.SERVER_KEY,
        Map.of("store", "google_play", "purchaseToken", token));
    h.googlePlay().putSubscription(token, subscription("SUBSCRIPTION_STATE_CANCELED", order + "..0", expiry, false,
        Map.of("userInitiatedCancellation", Map.of("cancelTime", Instant.now().toString()))));
    final Http.Response cancelled = h.withOptions().post(h.path("/subscriptions/reconcile"), TestApp.SERVER_KEY,
        Map.of("store", "google_play", "purchaseToken", token));
    final Http.Response clientKey = h.withOptions().post(h.path("/subscriptions/reconcile"), TestApp.CLIENT_KEY,
        Map.of("store", "google_play", "purchaseToken", token));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(statuses(first)).containsExactly("APPLIED", "APPLIED");
    assertThat(statuses(again)).as(again.toString()).containsExactly("DUPLICATE", "DUPLICATE");
    assertThat(statuses(reconciled)).as(reconciled.toString()).containsExactly("DUPLICATE", "DUPLICATE");
    assertThat(statuses(cancelled)).as(cancelled.toString()).containsExactly("DUPLICATE", "APPLIED");
    assertThat(clientKey.code()).isEqualTo("KEY_NOT_ALLOWED");
    final List<Object> payloads = Topics.submitted(h.stack).stream().map(LedgerEvent::getPayload).toList();
    final PurchaseVerified renewal = payloads.stream()
        .filter(p -> p instanceof PurchaseVerified v
            && v.getTransactionId().equals(h.app.ref(Store.GOOGLE_PLAY, order + "..0")))
        .map(PurchaseVerified.class::cast).findFirst().orElseThrow();
    assertThat(renewal.getOriginalTransactionId()).isEqualTo(h.app.ref(Store.GOOGLE_PLAY, token));
    assertThat(renewal.getProductId()).isEqualTo("vip");
    assertThat(renewal.getExpiresAt()).isEqualTo(expiry);
    final List<SubscriptionUpdated> updates = payloads.stream()
        .filter(p -> p instanceof SubscriptionUpdated u
            && u.getOriginalTransactionId().equals(h.app.ref(Store.GOOGLE_PLAY, token)))
        .map(SubscriptionUpdated.class::cast).toList();
    assertThat(updates).extracting(SubscriptionUpdated::getStatus)
        .contains(SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED);
    final SubscriptionUpdated last = updates.stream()
        .filter(u -> u.getStatus() == SubscriptionStatus.CANCELLED).findFirst().orElseThrow();
    assertThat(last.getExpiresAt()).isEqualTo(expiry);
    assertThat(last.getAutoRenew()).isFalse();
    assertThat(last.getCancelReason()).isEqualTo(SubscriptionCancelReason.CUSTOMER);
    assertThat(h.googlePlay().problems()).isEmpty();
  }

  private static List<String> statuses(final Http.Response r) {
    final JsonNode events = r.body().path("events");
    return java.util.stream.StreamSupport.stream(events.spliterator(), false)
        .map(e -> e.path("status").asText()).toList();
  }

  private static Map<String, Object> subscription(final String state, final String latestOrder, final Instant expiry,
                                                  final boolean autoRenew, final Map<String, Object> cancelled) {
    final Map<String, Object> s = new HashMap<>();
    s.put("kind", "androidpublisher#subscriptionPurchaseV2");
    s.put("regionCode", "DE");
    s.put("startTime", Instant.now().minus(Duration.ofDays(30)).toString());
    s.put("subscriptionState", state);
    s.put("acknowledgementState", "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED");
    s.put("lineItems", List.of(Map.of("productId", "vip", "expiryTime", expiry.toString(),
        "autoRenewingPlan", Map.of("autoRenewEnabled", autoRenew,
            "recurringPrice", Map.of("currencyCode", "EUR", "units", "4", "nanos", 990_000_000)),
        "latestSuccessfulOrderId", latestOrder, "offerDetails", Map.of("basePlanId", "monthly"))));
    if (cancelled != null) {
      s.put("canceledStateContext", cancelled);
    }
    return s;
  }
}
