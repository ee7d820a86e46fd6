package dev.coffer.gateway.receipts.huawei;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HuaweiVerifierTest {
  private static final String PACKAGE = "com.example.game.huawei";
  private static final HuaweiKeys KEYS = HuaweiKeys.create();
  private static final Instant NOW = Instant.now();
  private static final HuaweiVerifier VERIFIER = new HuaweiVerifier(
      new HuaweiSettings(PACKAGE, 101_234_567L, KEYS.publicKeyBase64()), Clock.fixed(NOW, ZoneOffset.UTC));

  private static HuaweiPurchase signed(final Map<String, Object> data) {
    final String json = HuaweiKeys.json(data);
    return new HuaweiPurchase(json, KEYS.sign(json), null);
  }

  @Test
  void verifiesAConsumableSignedWithSha256WithRsaAndFillsThePurchaseLog() throws Exception {
    final VerifiedReceipt receipt = VERIFIER.verify(signed(HuaweiKeys.consumable("ord-1", "gems.100", PACKAGE)));

    assertThat(receipt.store()).isEqualTo(Store.HUAWEI_APPGALLERY);
    assertThat(receipt.storeProductId()).isEqualTo("gems.100");
    assertThat(receipt.transactionId()).isEqualTo("ord-1");
    assertThat(receipt.orderId()).isEqualTo("ord-1");
    assertThat(receipt.purchaseToken()).isEqualTo("000001ord-1.1.101234567");
    assertThat(receipt.productType()).isEqualTo(ProductType.CONSUMABLE);
    assertThat(receipt.price()).isEqualByComparingTo(new BigDecimal("1.99"));
    assertThat(receipt.currency()).isEqualTo("EUR");
    assertThat(receipt.country()).isEqualTo("DE");
    assertThat(receipt.quantity()).isEqualTo(1);
    assertThat(receipt.environment()).isEqualTo(StoreEnvironment.SANDBOX);
    assertThat(receipt.originalTransactionId()).isNull();
  }

  @Test
  void verifiesPssWhenTheSignatureAlgorithmSaysSoAndOnlyThen() throws Exception {
    final Map<String, Object> data = HuaweiKeys.consumable("ord-2", "gems.100", PACKAGE);
    data.remove("purchaseType");
    final String json = HuaweiKeys.json(data);
    final String pss = KEYS.signPss(json);

    final VerifiedReceipt receipt = VERIFIER.verify(new HuaweiPurchase(json, pss, "SHA256WithRSA/PSS"));

    assertThat(receipt.transactionId()).isEqualTo("ord-2");
    assertThat(receipt.environment()).isEqualTo(StoreEnvironment.PRODUCTION);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, pss, null)), RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, KEYS.sign(json), "SHA256WithRSA/PSS")),
        RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, pss, "SHA1WithRSA")),
        RejectionCode.MALFORMED_RECEIPT, "signatureAlgorithm");
  }

  @Test
  void refusesTamperedBytesAndOtherKeys() {
    final String json = HuaweiKeys.json(HuaweiKeys.consumable("ord-3", "gems.100", PACKAGE));
    final String signature = KEYS.sign(json);
    final String tampered = json.replace("\"quantity\":1", "\"quantity\":9");
    final HuaweiKeys stranger = HuaweiKeys.create();

    assertThat(tampered).isNotEqualTo(json);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(tampered, signature, null)), RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json + " ", signature, null)), RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, stranger.sign(json), null)),
        RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, stranger.signPss(json), "SHA256WithRSA/PSS")),
        RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, "not base64!", null)),
        RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(json, "", null)), RejectionCode.MALFORMED_RECEIPT);
  }

  @Test
  void refusesAnotherAppAndEveryStateButPurchased() {
    final Map<String, Object> otherPackage = HuaweiKeys.consumable("ord-4", "gems.100", "com.example.other");
    final Map<String, Object> otherApp = HuaweiKeys.consumable("ord-5", "gems.100", PACKAGE);
    otherApp.put("applicationId", 999L);
    final Map<String, Object> cancelled = HuaweiKeys.consumable("ord-6", "gems.100", PACKAGE);
    cancelled.put("purchaseState", 1);
    final Map<String, Object> refunded = HuaweiKeys.consumable("ord-7", "gems.100", PACKAGE);
    refunded.put("purchaseState", 2);
    final Map<String, Object> pending = HuaweiKeys.consumable("ord-8", "gems.100", PACKAGE);
    pending.put("purchaseState", 3);

    assertRejected(() -> VERIFIER.verify(signed(otherPackage)), RejectionCode.WRONG_PACKAGE, "com.example.other");
    assertRejected(() -> VERIFIER.verify(signed(otherApp)), RejectionCode.WRONG_PACKAGE, "999");
    assertRejected(() -> VERIFIER.verify(signed(cancelled)), RejectionCode.NOT_PURCHASED);
    assertRejected(() -> VERIFIER.verify(signed(refunded)), RejectionCode.TRANSACTION_REVOKED);
    assertRejected(() -> VERIFIER.verify(signed(pending)), RejectionCode.NOT_PURCHASED);
  }

  @Test
  void readsNonConsumablesAndValidSubscriptionsAndRefusesEndedOnes() throws Exception {
    final Map<String, Object> permanent = HuaweiKeys.consumable("ord-9", "sword", PACKAGE);
    permanent.put("kind", 1);
    final Instant expires = NOW.plus(Duration.ofDays(30));
    final Map<String, Object> subscription = HuaweiKeys.subscription("ord-10", "sub-1", "vip", PACKAGE, expires);
    final Map<String, Object> invalid = HuaweiKeys.subscription("ord-11", "sub-1", "vip", PACKAGE, expires);
    invalid.put("subIsvalid", false);
    final Map<String, Object> ended = HuaweiKeys.subscription("ord-12", "sub-1", "vip", PACKAGE, NOW);
    final Map<String, Object> unsure = HuaweiKeys.subscription("ord-13", "sub-1", "vip", PACKAGE, expires);
    unsure.remove("subIsvalid");

    assertThat(VERIFIER.verify(signed(permanent)).productType()).isEqualTo(ProductType.NON_CONSUMABLE);
    final VerifiedReceipt sub = VERIFIER.verify(signed(subscription));
    assertThat(sub.productType()).isEqualTo(ProductType.SUBSCRIPTION);
    assertThat(sub.transactionId()).isEqualTo("ord-10");
    assertThat(sub.originalTransactionId()).isEqualTo("sub-1");
    assertThat(sub.expiresAt()).isEqualTo(Instant.ofEpochMilli(expires.toEpochMilli()));
    assertRejected(() -> VERIFIER.verify(signed(invalid)), RejectionCode.TRANSACTION_EXPIRED);
    assertRejected(() -> VERIFIER.verify(signed(ended)), RejectionCode.TRANSACTION_EXPIRED);
    assertRejected(() -> VERIFIER.verify(signed(unsure)), RejectionCode.MALFORMED_RECEIPT, "subIsvalid");
  }

  @Test
  void refusesMalformedDataAndBadSettings() {
    final String duplicate = "{\"orderId\":\"a\",\"orderId\":\"b\"}";
    final Map<String, Object> noToken = HuaweiKeys.consumable("ord-14", "gems.100", PACKAGE);
    noToken.remove("purchaseToken");
    final Map<String, Object> oddKind = HuaweiKeys.consumable("ord-15", "gems.100", PACKAGE);
    oddKind.put("kind", 7);

    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase(duplicate, KEYS.sign(duplicate), null)),
        RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> VERIFIER.verify(new HuaweiPurchase("[]", KEYS.sign("[]"), null)),
        RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> VERIFIER.verify(signed(noToken)), RejectionCode.MALFORMED_RECEIPT, "purchaseToken");
    assertRejected(() -> VERIFIER.verify(signed(oddKind)), RejectionCode.MALFORMED_RECEIPT, "kind");
    assertThatThrownBy(() -> new HuaweiSettings(PACKAGE, null, "not-a-key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(PACKAGE);
  }
}
