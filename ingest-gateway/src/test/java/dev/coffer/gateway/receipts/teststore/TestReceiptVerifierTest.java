package dev.coffer.gateway.receipts.teststore;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TestReceiptVerifierTest {

  private static final String APP = "demo";
  private static final String SECRET = "a-demo-secret-of-32-characters!!";
  private static final Instant TIME = Instant.parse("2024-03-01T10:15:30.123Z");

  private final TestReceiptVerifier verifier = new TestReceiptVerifier(new TestStoreSettings(APP, SECRET));

  @Test
  void acceptsASignedReceiptWithPrice() throws ReceiptRejectedException {
    final String receipt = TestReceipts.sign(
        new TestReceipt(APP, "t-1", "gems_100", TIME, 2, new BigDecimal("0.99"), "EUR"), SECRET);

    assertThat(verifier.verify(receipt, "gems_100")).isEqualTo(new VerifiedReceipt(Store.TEST, "gems_100", "t-1",
        null, null, null, TIME, 2, new BigDecimal("0.99"), "EUR", null, StoreEnvironment.SANDBOX, null, null,
        null));
  }

  @Test
  void acceptsAReceiptWithoutPrice() throws ReceiptRejectedException {
    final VerifiedReceipt receipt = verifier.verify(
        TestReceipts.sign(TestReceipt.of(APP, "t-2", "gems_100", TIME), SECRET), "gems_100");

    assertThat(receipt.quantity()).isEqualTo(1);
    assertThat(receipt.price()).isNull();
    assertThat(receipt.currency()).isNull();
  }

  @Test
  void refusesEverythingWhenNoSecretIsConfigured() {
    final String receipt = TestReceipts.sign(TestReceipt.of(APP, "t-1", "gems_100", TIME), SECRET);

    assertRejected(() -> new TestReceiptVerifier(TestStoreSettings.disabled(APP)).verify(receipt, "gems_100"),
        RejectionCode.STORE_DISABLED);
    assertRejected(() -> new TestReceiptVerifier(new TestStoreSettings(APP, "")).verify("junk", "gems_100"),
        RejectionCode.STORE_DISABLED);
  }

  @Test
  void rejectsAnotherSecretOrAChangedPayload() {
    final String receipt = TestReceipts.sign(TestReceipt.of(APP, "t-1", "gems_100", TIME),
        "another-secret-of-enough-length");
    final String genuine = TestReceipts.sign(TestReceipt.of(APP, "t-1", "gems_100", TIME), SECRET);
    final String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"appId\":\"demo\",\"transactionId\":\"t-1\",\"productId\":\"gems_100\",\"purchaseTime\":1,"
            + "\"quantity\":1000}").getBytes(StandardCharsets.UTF_8));
    final String tampered = forgedPayload + genuine.substring(genuine.indexOf('.'));

    assertRejected(() -> verifier.verify(receipt, "gems_100"), RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> verifier.verify(tampered, "gems_100"), RejectionCode.BAD_SIGNATURE);
    final int mac = genuine.indexOf('.') + 1;
    final String otherMac = genuine.substring(0, mac) + (genuine.charAt(mac) == 'A' ? 'B' : 'A')
        + genuine.substring(mac + 1);
    assertRejected(() -> verifier.verify(otherMac, "gems_100"), RejectionCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsAnotherAppOrProduct() {
    final String otherApp = TestReceipts.sign(TestReceipt.of("other", "t-1", "gems_100", TIME), SECRET);
    final String receipt = TestReceipts.sign(TestReceipt.of(APP, "t-1", "gems_100", TIME), SECRET);

    assertRejected(() -> verifier.verify(otherApp, "gems_100"), RejectionCode.WRONG_PACKAGE);
    assertRejected(() -> verifier.verify(receipt, "gems_500"), RejectionCode.WRONG_PRODUCT);
  }

  @Test
  void rejectsMalformedReceipts() {
    assertRejected(() -> verifier.verify(null, "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("no-dot", "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("a.b.c", "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("payload.", "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify("payload.%%%", "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(signed("not json"), "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(signed("{\"appId\":\"demo\",\"productId\":\"gems_100\","
        + "\"purchaseTime\":1}"), "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(signed("{\"appId\":\"demo\",\"transactionId\":\"t\","
        + "\"productId\":\"gems_100\",\"purchaseTime\":1,\"price\":\"cheap\",\"currency\":\"EUR\"}"),
        "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(signed("{\"appId\":\"demo\",\"transactionId\":\"t\","
        + "\"productId\":\"gems_100\",\"purchaseTime\":1,\"price\":\"1.00\"}"),
        "gems_100"), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> verifier.verify(signed("{\"appId\":\"demo\",\"transactionId\":\"t\","
        + "\"productId\":\"gems_100\",\"purchaseTime\":1,\"quantity\":0}"),
        "gems_100"), RejectionCode.MALFORMED_RECEIPT);
  }

  @Test
  void validatesSettingsAndClaimsAndKeepsTheSecretOutOfToString() {
    assertThatThrownBy(() -> new TestStoreSettings(" ", SECRET)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TestStoreSettings(APP, "short")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes");
    assertThat(new TestStoreSettings(APP, SECRET).toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> new TestReceipt(APP, "t", "p", TIME, 1, BigDecimal.ONE, "euro"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestReceipts.sign(TestReceipt.of(APP, "t", "p", TIME), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String signed(final String payloadJson) {
    final String encoded = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    return encoded + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(TestReceipts.mac(SECRET, encoded));
  }
}
