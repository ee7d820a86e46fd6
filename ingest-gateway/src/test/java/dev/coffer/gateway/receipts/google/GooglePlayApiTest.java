package dev.coffer.gateway.receipts.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.StoreApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Google's own client against a local server serving the Play Developer API's documented answers. */
class GooglePlayApiTest {
  private static final String PACKAGE = "com.example.game";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final GooglePlayFake FAKE = GooglePlayFake.start();
  private static final GooglePlayApi API = new GooglePlayApi(FAKE.settings(PACKAGE), Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  private static Map<String, Object> voided(final String orderId, final Instant at, final Integer quantity,
                                            final int reason) {
    final Map<String, Object> v = new HashMap<>();
    v.put("kind", "androidpublisher#voidedPurchase");
    v.put("purchaseToken", "token-" + orderId);
    v.put("purchaseTimeMillis", Long.toString(at.minus(Duration.ofDays(2)).toEpochMilli()));
    v.put("voidedTimeMillis", Long.toString(at.toEpochMilli()));
    v.put("orderId", orderId);
    v.put("voidedSource", 0);
    v.put("voidedReason", reason);
    if (quantity != null) {
      v.put("voidedQuantity", quantity);
    }
    return v;
  }

  @Test
  void findsAPartialRefundsQuantityAcrossPagesWithTheServiceAccountsToken() throws Exception {
    final Instant at = NOW.minus(Duration.ofHours(2));
    FAKE.addVoided(voided("GPA.other-1", at, null, 1));
    FAKE.addVoided(voided("GPA.partial-1", at.minus(Duration.ofHours(5)), 1, 1));
    FAKE.addVoided(voided("GPA.partial-1", at.plusSeconds(30), 2, 7));

    final GooglePlayApi.Voided found = API.voided("GPA.partial-1", "token-GPA.partial-1", at).orElseThrow();

    assertThat(found.quantity()).isEqualTo(2);
    assertThat(found.reason()).isEqualTo(7);
    assertThat(found.voidedAt()).isEqualTo(at.plusSeconds(30));
    assertThat(API.voided("GPA.never", "token-never", at)).isEmpty();
    assertThat(FAKE.voidedQueries()).isNotEmpty().allSatisfy(q -> {
      assertThat(q).containsEntry("includeQuantityBasedPartialRefund", "true").containsEntry("type", "1");
      assertThat(Long.parseLong(q.get("endTime"))).isLessThanOrEqualTo(NOW.toEpochMilli());
      assertThat(Long.parseLong(q.get("startTime"))).isEqualTo(at.minus(Duration.ofDays(1)).toEpochMilli());
    });
    assertThat(FAKE.voidedQueries().stream().filter(q -> q.containsKey("token"))).isNotEmpty();
    assertThat(FAKE.tokenRequests()).isGreaterThanOrEqualTo(1);
    assertThat(FAKE.problems()).isEmpty();
  }

  @Test
  void readsASubscriptionsStateExpiryRenewalPriceAndCancellation() throws Exception {
    final Map<String, Object> plan = Map.of("autoRenewEnabled", false,
        "recurringPrice", Map.of("currencyCode", "USD", "units", "4", "nanos", 990_000_000));
    FAKE.putSubscription("sub-token-1", Map.of(
        "kind", "androidpublisher#subscriptionPurchaseV2",
        "regionCode", "US",
        "startTime", "2026-11-01T10:00:00Z",
        "subscriptionState", "SUBSCRIPTION_STATE_CANCELED",
        "latestOrderId", "GPA.1234-5678..1",
        "canceledStateContext", Map.of("userInitiatedCancellation", Map.of("cancelTime", "2026-11-20T10:00:00Z")),
        "testPurchase", Map.of(),
        "acknowledgementState", "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED",
        "lineItems", List.of(Map.of("productId", "vip", "expiryTime", "2026-12-15T10:00:00.123Z",
            "autoRenewingPlan", plan, "latestSuccessfulOrderId", "GPA.1234-5678..0",
            "offerDetails", Map.of("basePlanId", "monthly")))));

    final GooglePlayApi.Subscription s = API.subscription("sub-token-1");

    assertThat(s.state()).isEqualTo("SUBSCRIPTION_STATE_CANCELED");
    assertThat(s.productId()).isEqualTo("vip");
    assertThat(s.latestSuccessfulOrderId()).isEqualTo("GPA.1234-5678..0");
    assertThat(s.expiresAt()).isEqualTo(Instant.parse("2026-12-15T10:00:00.123Z"));
    assertThat(s.autoRenew()).isFalse();
    assertThat(s.cancelledBy()).isEqualTo("user");
    assertThat(s.price()).isEqualByComparingTo(new BigDecimal("4.99"));
    assertThat(s.currency()).isEqualTo("USD");
    assertThat(s.regionCode()).isEqualTo("US");
    assertThat(s.test()).isTrue();
    assertThat(FAKE.problems()).isEmpty();
  }

  @Test
  void tellsARefusalFromAnOutage() {
    FAKE.failNextWith(503);
    assertThatThrownBy(() -> API.subscription("sub-token-1")).isInstanceOfSatisfying(StoreApiException.class,
        e -> assertThat(e.kind()).isEqualTo(StoreApiException.Kind.UNAVAILABLE));
    assertThatThrownBy(() -> API.subscription("no-such-token")).isInstanceOfSatisfying(StoreApiException.class,
        e -> {
          assertThat(e.kind()).isEqualTo(StoreApiException.Kind.REFUSED);
          assertThat(e.getMessage()).contains("404");
        });
  }

  @Test
  void refusesSettingsWithoutAServiceAccount() {
    assertThatThrownBy(() -> new GooglePlayApi(new GooglePlayApiSettings(PACKAGE, "{}".getBytes(), FAKE.rootUrl(),
        Duration.ofSeconds(1)), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PACKAGE);
  }
}
