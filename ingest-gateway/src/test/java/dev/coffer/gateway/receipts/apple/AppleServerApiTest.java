package dev.coffer.gateway.receipts.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.StoreApiException;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Apple's AppStoreServerAPIClient against a local server serving the documented answers, signed by a test chain. */
class AppleServerApiTest {
  private static final String BUNDLE = "com.example.game";
  private static final long APP_ID = 1234L;
  private static final TestPki PKI = TestPki.create();
  private static final AppStoreServerFake FAKE = AppStoreServerFake.start(BUNDLE, APP_ID);
  private static final AppleReceiptVerifier VERIFIER = new AppleReceiptVerifier(
      new AppleSettings(BUNDLE, APP_ID, StoreEnvironment.SANDBOX, List.of(PKI.rootDer())));
  private static final AppleServerApi API = new AppleServerApi(FAKE.settings(), VERIFIER);

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  static Map<String, Object> transaction(final String id, final String original, final Instant expires) {
    final Map<String, Object> t = new HashMap<>();
    t.put("transactionId", id);
    t.put("originalTransactionId", original);
    t.put("webOrderLineItemId", "w" + id);
    t.put("bundleId", BUNDLE);
    t.put("productId", "com.example.vip");
    t.put("subscriptionGroupIdentifier", "21000001");
    t.put("purchaseDate", expires.minus(Duration.ofDays(30)).toEpochMilli());
    t.put("originalPurchaseDate", expires.minus(Duration.ofDays(30)).toEpochMilli());
    t.put("expiresDate", expires.toEpochMilli());
    t.put("quantity", 1);
    t.put("type", "Auto-Renewable Subscription");
    t.put("inAppOwnershipType", "PURCHASED");
    t.put("signedDate", Instant.now().toEpochMilli());
    t.put("environment", "Sandbox");
    t.put("transactionReason", "RENEWAL");
    t.put("storefront", "USA");
    t.put("storefrontId", "143441");
    t.put("price", 4990);
    t.put("currency", "USD");
    return t;
  }

  static Map<String, Object> renewal(final String original, final boolean autoRenew, final Integer expirationIntent,
                                     final Instant graceEnds) {
    final Map<String, Object> r = new HashMap<>();
    r.put("originalTransactionId", original);
    r.put("productId", "com.example.vip");
    r.put("autoRenewProductId", "com.example.vip");
    r.put("autoRenewStatus", autoRenew ? 1 : 0);
    if (expirationIntent != null) {
      r.put("expirationIntent", expirationIntent);
    }
    if (graceEnds != null) {
      r.put("gracePeriodExpiresDate", graceEnds.toEpochMilli());
    }
    r.put("isInBillingRetryPeriod", false);
    r.put("signedDate", Instant.now().toEpochMilli());
    r.put("environment", "Sandbox");
    r.put("recentSubscriptionStartDate", Instant.now().minus(Duration.ofDays(60)).toEpochMilli());
    return r;
  }

  @Test
  void readsOneSubscriptionsWholeHistoryAcrossPagesVerifyingEveryTransaction() throws Exception {
    final Instant now = Instant.now();
    final Map<String, Object> revoked = transaction("1003", "1001", now.plus(Duration.ofDays(30)));
    revoked.put("revocationDate", now.minusSeconds(60).toEpochMilli());
    revoked.put("revocationReason", 0);
    FAKE.putHistory("1001", List.of(PKI.sign(transaction("1001", "1001", now.minus(Duration.ofDays(30)))),
        PKI.sign(transaction("2001", "2001", now)), PKI.sign(transaction("1002", "1001", now)), PKI.sign(revoked)));

    final List<VerifiedReceipt> history = API.history("1001");

    assertThat(history).extracting(VerifiedReceipt::transactionId).containsExactly("1001", "1002", "1003");
    assertThat(history.get(2).revocation()).isNotNull();
    assertThat(history.get(1).price()).isEqualByComparingTo("4.99");
    assertThat(FAKE.problems()).isEmpty();
  }

  @Test
  void readsASubscriptionsStatusWithItsRenewalInfo() throws Exception {
    final Instant expires = Instant.now().plus(Duration.ofDays(3));
    final Instant grace = expires.plus(Duration.ofDays(16));
    FAKE.putStatus("3001", 4, PKI.sign(transaction("3002", "3001", expires)),
        PKI.sign(renewal("3001", true, null, grace)));

    final AppleServerApi.Status status = API.status("3001").orElseThrow();

    assertThat(status.status()).isEqualTo(4);
    assertThat(status.transaction().transactionId()).isEqualTo("3002");
    assertThat(status.renewal().autoRenewEnabled()).isTrue();
    assertThat(status.renewal().gracePeriodExpiresAt()).isEqualTo(Instant.ofEpochMilli(grace.toEpochMilli()));
    assertThatThrownBy(() -> API.status("3999")).isInstanceOfSatisfying(StoreApiException.class,
        e -> assertThat(e.kind()).isEqualTo(StoreApiException.Kind.REFUSED));
  }

  @Test
  void refusesSignedDataOfAnotherChainAndTellsARefusalFromAnOutage() {
    FAKE.putHistory("4001", List.of(TestPki.create().sign(transaction("4001", "4001", Instant.now()))));

    assertThatThrownBy(() -> API.history("4001")).isInstanceOfSatisfying(StoreApiException.class, e -> {
      assertThat(e.kind()).isEqualTo(StoreApiException.Kind.REFUSED);
      assertThat(e.getMessage()).contains("UNTRUSTED_CHAIN");
    });
    assertThatThrownBy(() -> API.history("no-such-transaction")).isInstanceOfSatisfying(StoreApiException.class,
        e -> assertThat(e.kind()).isEqualTo(StoreApiException.Kind.REFUSED));
    FAKE.failNextWith(500);
    assertThatThrownBy(() -> API.history("1001")).isInstanceOfSatisfying(StoreApiException.class,
        e -> assertThat(e.kind()).isEqualTo(StoreApiException.Kind.UNAVAILABLE));
  }
}
