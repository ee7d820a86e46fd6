package dev.coffer.gateway.receipts.apple;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppleReceiptVerifierTest {

  private static final String BUNDLE = "com.example.game";
  private static final long APP_APPLE_ID = 1234L;
  private static final String PRODUCT = "com.example.game.gems100";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final TestPki PKI = TestPki.create();

  private final AppleReceiptVerifier verifier = verifier(PKI, StoreEnvironment.SANDBOX);

  @Test
  void acceptsAConsumableAndMapsEveryField() throws ReceiptRejectedException {
    final VerifiedReceipt receipt = verifier.verify(PKI.sign(transaction()), PRODUCT);

    assertThat(receipt.store()).isEqualTo(Store.APPLE_APP_STORE);
    assertThat(receipt.storeProductId()).isEqualTo(PRODUCT);
    assertThat(receipt.transactionId()).isEqualTo("2000000123");
    assertThat(receipt.originalTransactionId()).isEqualTo("2000000100");
    assertThat(receipt.orderId()).isEqualTo("34343");
    assertThat(receipt.purchaseToken()).isNull();
    assertThat(receipt.purchaseTime()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
    assertThat(receipt.quantity()).isEqualTo(2);
    assertThat(receipt.price()).isEqualByComparingTo(new BigDecimal("10.99"));
    assertThat(receipt.currency()).isEqualTo("USD");
    assertThat(receipt.country()).isEqualTo("US");
    assertThat(receipt.environment()).isEqualTo(StoreEnvironment.SANDBOX);
    assertThat(receipt.expiresAt()).isNull();
    assertThat(receipt.productType()).isEqualTo(ProductType.CONSUMABLE);
    assertThat(receipt.revocation()).isNull();
  }

  @Test
  void mapsStorefrontsToAlpha2AndLeavesUnknownOnesEmpty() throws ReceiptRejectedException {
    final Map<String, Object> german = transaction();
    german.put("storefront", "DEU");
    final Map<String, Object> unknown = transaction();
    unknown.put("storefront", "ZZZ");

    assertThat(verifier.verify(PKI.sign(german), PRODUCT).country()).isEqualTo("DE");
    assertThat(verifier.verify(PKI.sign(unknown), PRODUCT).country()).isNull();
  }

  @Test
  void acceptsAnActiveSubscription() throws ReceiptRejectedException {
    final Map<String, Object> subscription = subscription(NOW.plus(Duration.ofDays(30)));

    final VerifiedReceipt receipt = verifier.verify(PKI.sign(subscription), PRODUCT);

    assertThat(receipt.productType()).isEqualTo(ProductType.SUBSCRIPTION);
    assertThat(receipt.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
  }

  @Test
  void acceptsProductionDataInProduction() throws ReceiptRejectedException {
    final Map<String, Object> production = transaction();
    production.put("environment", "Production");

    final VerifiedReceipt receipt = verifier(PKI, StoreEnvironment.PRODUCTION).verify(PKI.sign(production), PRODUCT);

    assertThat(receipt.environment()).isEqualTo(StoreEnvironment.PRODUCTION);
  }

  @Test
  void rejectsASignatureMadeWithAnotherKey() throws GeneralSecurityException {
    final String forged = PKI.sign(transaction(), TestPki.ecKey().getPrivate(),
        List.of(PKI.leaf, PKI.intermediate, PKI.root));

    assertRejected(() -> verifier.verify(forged, PRODUCT), RejectionCode.BAD_SIGNATURE,
        "signature does not verify");
  }

  @Test
  void rejectsAPayloadChangedAfterSigning() {
    final String[] parts = PKI.sign(transaction()).split("\\.");
    final Map<String, Object> richer = transaction();
    richer.put("quantity", 100);
    final String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(TestPki.json(richer)) + "." + parts[2];

    assertRejected(() -> verifier.verify(tampered, PRODUCT), RejectionCode.BAD_SIGNATURE,
        "signature does not verify");
  }

  @Test
  void rejectsAnotherSignatureAlgorithm() {
    final String[] parts = PKI.sign(transaction()).split("\\.");
    final String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"HS256\",\"x5c\":[]}".getBytes(StandardCharsets.UTF_8));

    assertRejected(() -> verifier.verify(header + "." + parts[1] + "." + parts[2], PRODUCT),
        RejectionCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsAnotherBundleId() {
    final Map<String, Object> other = transaction();
    other.put("bundleId", "com.example.other");

    assertRejected(() -> verifier.verify(PKI.sign(other), PRODUCT), RejectionCode.WRONG_BUNDLE_ID);
  }

  @Test
  void rejectsAChainFromAnUntrustedRoot() {
    final TestPki stranger = TestPki.create();

    assertRejected(() -> verifier.verify(stranger.sign(transaction()), PRODUCT), RejectionCode.UNTRUSTED_CHAIN);
  }

  @Test
  void rejectsALeafWithoutApplesReceiptSignerExtension() {
    final TestPki plain = TestPki.create(false);

    assertRejected(() -> verifier(plain, StoreEnvironment.SANDBOX).verify(plain.sign(transaction()), PRODUCT),
        RejectionCode.UNTRUSTED_CHAIN, TestPki.LEAF_OID);
  }

  @Test
  void rejectsAChainOfTheWrongLength() {
    final String shortChain = PKI.sign(transaction(), PKI.leafKey.getPrivate(), List.of(PKI.leaf, PKI.root));

    assertRejected(() -> verifier.verify(shortChain, PRODUCT), RejectionCode.UNTRUSTED_CHAIN,
        "INVALID_CHAIN_LENGTH");
  }

  @Test
  void rejectsTheOtherEnvironment() {
    final Map<String, Object> production = transaction();
    production.put("environment", "Production");

    assertRejected(() -> verifier.verify(PKI.sign(production), PRODUCT), RejectionCode.WRONG_ENVIRONMENT);
    assertRejected(() -> verifier(PKI, StoreEnvironment.PRODUCTION).verify(PKI.sign(transaction()), PRODUCT),
        RejectionCode.WRONG_ENVIRONMENT);
  }

  @Test
  void rejectsAnotherProduct() {
    assertRejected(() -> verifier.verify(PKI.sign(transaction()), "com.example.game.gems500"),
        RejectionCode.WRONG_PRODUCT);
  }

  @Test
  void rejectsARevokedTransactionButDecodesItsRevocation() throws ReceiptRejectedException {
    final Map<String, Object> revoked = transaction();
    revoked.put("revocationDate", NOW.toEpochMilli());
    revoked.put("revocationReason", 1);
    final String signed = PKI.sign(revoked);

    assertRejected(() -> verifier.verify(signed, PRODUCT), RejectionCode.TRANSACTION_REVOKED);
    assertThat(verifier.decodeTransaction(signed).revocation())
        .isEqualTo(new VerifiedReceipt.Revocation(NOW, "REFUNDED_DUE_TO_ISSUE"));
  }

  @Test
  void rejectsAnExpiredSubscription() {
    final String expired = PKI.sign(subscription(NOW.minus(Duration.ofSeconds(1))));
    final String endingNow = PKI.sign(subscription(NOW));

    assertRejected(() -> verifier.verify(expired, PRODUCT), RejectionCode.TRANSACTION_EXPIRED);
    assertRejected(() -> verifier.verify(endingNow, PRODUCT), RejectionCode.TRANSACTION_EXPIRED);
  }

  @Test
  void rejectsWhatIsNoJws() {
    assertRejected(() -> verifier.verify("", PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("not-a-jws", PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("a.b", PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("!!!.???.***", PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    final String[] parts = PKI.sign(transaction()).split("\\.");
    final String notJson = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("not json".getBytes(StandardCharsets.UTF_8));
    assertRejected(() -> verifier.verify(notJson + "." + parts[1] + "." + parts[2], PRODUCT),
        RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(parts[0] + "." + notJson + "." + parts[2], PRODUCT),
        RejectionCode.MALFORMED_RECEIPT);
  }

  @Test
  void rejectsAHeaderWithoutCertificates() {
    final String[] parts = PKI.sign(transaction()).split("\\.");
    final String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

    assertRejected(() -> verifier.verify(header + "." + parts[1] + "." + parts[2], PRODUCT),
        RejectionCode.MALFORMED_RECEIPT);
  }

  @Test
  void rejectsASignedPayloadWithMistypedOrMissingFields() {
    final Map<String, Object> mistyped = transaction();
    mistyped.put("price", "ten");
    final Map<String, Object> missing = transaction();
    missing.remove("transactionId");

    assertRejected(() -> verifier.verify(PKI.sign(mistyped), PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(PKI.sign(missing), PRODUCT), RejectionCode.MALFORMED_RECEIPT);
  }

  @Test
  void verifiesARefundNotificationWithItsTransactionAndRenewalInfo() throws ReceiptRejectedException {
    final Map<String, Object> refunded = subscription(NOW.plus(Duration.ofDays(3)));
    refunded.put("revocationDate", NOW.toEpochMilli());
    refunded.put("revocationReason", 0);
    final Map<String, Object> renewal = new LinkedHashMap<>();
    renewal.put("originalTransactionId", "2000000100");
    renewal.put("productId", PRODUCT);
    renewal.put("autoRenewProductId", PRODUCT);
    renewal.put("autoRenewStatus", 0);
    renewal.put("expirationIntent", 1);
    renewal.put("environment", "Sandbox");
    renewal.put("signedDate", NOW.toEpochMilli());
    final Map<String, Object> data = notificationData();
    data.put("signedTransactionInfo", PKI.sign(refunded));
    data.put("signedRenewalInfo", PKI.sign(renewal));

    final AppleNotification notification = verifier.verifyNotification(PKI.sign(notification("REFUND", data)));

    assertThat(notification.notificationType()).isEqualTo("REFUND");
    assertThat(notification.subtype()).isNull();
    assertThat(notification.notificationUUID()).isEqualTo("7b8c2b7e-2f1e-4b0a-9d3e-1c1b2a3d4e5f");
    assertThat(notification.environment()).isEqualTo(StoreEnvironment.SANDBOX);
    assertThat(notification.bundleId()).isEqualTo(BUNDLE);
    assertThat(notification.signedDate()).isEqualTo(NOW);
    assertThat(notification.transaction().transactionId()).isEqualTo("2000000123");
    assertThat(notification.transaction().revocation())
        .isEqualTo(new VerifiedReceipt.Revocation(NOW, "REFUNDED_FOR_OTHER_REASON"));
    assertThat(notification.renewalInfo()).isEqualTo(new AppleRenewalInfo("2000000100", PRODUCT, PRODUCT,
        false, 1, null, null, null, StoreEnvironment.SANDBOX));
  }

  @Test
  void verifiesANotificationWithoutTransaction() throws ReceiptRejectedException {
    final Map<String, Object> payload = notification("DID_CHANGE_RENEWAL_STATUS", notificationData());
    payload.put("subtype", "AUTO_RENEW_DISABLED");

    final AppleNotification notification = verifier.verifyNotification(PKI.sign(payload));

    assertThat(notification.subtype()).isEqualTo("AUTO_RENEW_DISABLED");
    assertThat(notification.transaction()).isNull();
    assertThat(notification.renewalInfo()).isNull();
  }

  @Test
  void rejectsNotificationsForAnotherAppOrEnvironmentOrWithForgedParts() {
    final Map<String, Object> otherBundle = notificationData();
    otherBundle.put("bundleId", "com.example.other");
    final Map<String, Object> production = notificationData();
    production.put("environment", "Production");
    final Map<String, Object> forgedTransaction = notificationData();
    forgedTransaction.put("signedTransactionInfo", TestPki.create().sign(transaction()));

    assertRejected(() -> verifier.verifyNotification(PKI.sign(notification("REFUND", otherBundle))),
        RejectionCode.WRONG_BUNDLE_ID);
    assertRejected(() -> verifier.verifyNotification(PKI.sign(notification("REFUND", production))),
        RejectionCode.WRONG_ENVIRONMENT);
    assertRejected(() -> verifier.verifyNotification(TestPki.create().sign(notification("REFUND",
        notificationData()))), RejectionCode.UNTRUSTED_CHAIN);
    assertRejected(() -> verifier.verifyNotification(PKI.sign(notification("REFUND", forgedTransaction))),
        RejectionCode.UNTRUSTED_CHAIN);
  }

  @Test
  void checksTheAppAppleIdOfProductionNotifications() {
    final Map<String, Object> data = notificationData();
    data.put("environment", "Production");
    data.put("appAppleId", 9999);

    assertRejected(() -> verifier(PKI, StoreEnvironment.PRODUCTION)
        .verifyNotification(PKI.sign(notification("REFUND", data))), RejectionCode.WRONG_BUNDLE_ID);
  }

  @Test
  void rejectsMalformedNotifications() {
    final Map<String, Object> noUuid = notification("REFUND", notificationData());
    noUuid.remove("notificationUUID");

    assertRejected(() -> verifier.verifyNotification("garbage"), RejectionCode.MALFORMED_NOTIFICATION);
    assertRejected(() -> verifier.verifyNotification(PKI.sign(noUuid)), RejectionCode.MALFORMED_NOTIFICATION);
  }

  @Test
  void validatesItsSettings() {
    final List<byte[]> roots = List.of(PKI.rootDer());

    assertThatThrownBy(() -> new AppleSettings(BUNDLE, null, StoreEnvironment.PRODUCTION, roots))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appAppleId");
    assertThatThrownBy(() -> new AppleSettings(" ", APP_APPLE_ID, StoreEnvironment.SANDBOX, roots))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bundleId");
    assertThatThrownBy(() -> new AppleSettings(BUNDLE, APP_APPLE_ID, null, roots))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("environment");
    assertThatThrownBy(() -> new AppleSettings(BUNDLE, APP_APPLE_ID, StoreEnvironment.SANDBOX, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
    assertThatThrownBy(() -> new AppleSettings(BUNDLE, APP_APPLE_ID, StoreEnvironment.SANDBOX,
        List.of(new byte[] {1, 2, 3})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DER X.509 certificate");
  }

  private static AppleReceiptVerifier verifier(final TestPki pki, final StoreEnvironment environment) {
    return new AppleReceiptVerifier(
        new AppleSettings(BUNDLE, APP_APPLE_ID, environment, List.of(pki.rootDer())),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static Map<String, Object> transaction() {
    final Map<String, Object> transaction = new HashMap<>();
    transaction.put("transactionId", "2000000123");
    transaction.put("originalTransactionId", "2000000100");
    transaction.put("webOrderLineItemId", "34343");
    transaction.put("bundleId", BUNDLE);
    transaction.put("productId", PRODUCT);
    transaction.put("purchaseDate", NOW.minus(Duration.ofMinutes(1)).toEpochMilli());
    transaction.put("originalPurchaseDate", NOW.minus(Duration.ofMinutes(1)).toEpochMilli());
    transaction.put("quantity", 2);
    transaction.put("type", "Consumable");
    transaction.put("inAppOwnershipType", "PURCHASED");
    transaction.put("signedDate", NOW.toEpochMilli());
    transaction.put("environment", "Sandbox");
    transaction.put("transactionReason", "PURCHASE");
    transaction.put("storefront", "USA");
    transaction.put("storefrontId", "143441");
    transaction.put("price", 10990);
    transaction.put("currency", "USD");
    return transaction;
  }

  private static Map<String, Object> subscription(final Instant expires) {
    final Map<String, Object> subscription = transaction();
    subscription.put("type", "Auto-Renewable Subscription");
    subscription.put("quantity", 1);
    subscription.put("expiresDate", expires.toEpochMilli());
    return subscription;
  }

  private static Map<String, Object> notificationData() {
    final Map<String, Object> data = new HashMap<>();
    data.put("appAppleId", APP_APPLE_ID);
    data.put("bundleId", BUNDLE);
    data.put("bundleVersion", "1.2.3");
    data.put("environment", "Sandbox");
    return data;
  }

  private static Map<String, Object> notification(final String type, final Map<String, Object> data) {
    final Map<String, Object> notification = new HashMap<>();
    notification.put("notificationType", type);
    notification.put("notificationUUID", "7b8c2b7e-2f1e-4b0a-9d3e-1c1b2a3d4e5f");
    notification.put("data", data);
    notification.put("version", "2.0");
    notification.put("signedDate", NOW.toEpochMilli());
    return notification;
  }
}
