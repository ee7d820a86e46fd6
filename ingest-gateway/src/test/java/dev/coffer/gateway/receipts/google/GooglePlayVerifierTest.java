package dev.coffer.gateway.receipts.google;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GooglePlayVerifierTest {

  private static final String PACKAGE = "com.example.game";
  private static final String PRODUCT = "gems_100";
  private static final KeyPair GOOGLE_KEY = rsa(2048);
  private static final KeyPair BAZAAR_KEY = rsa(1392);

  private final GooglePlayVerifier google = GooglePlayVerifier.googlePlay(settings(GOOGLE_KEY));
  private final GooglePlayVerifier bazaar = GooglePlayVerifier.cafeBazaar(settings(BAZAAR_KEY));

  @Test
  void acceptsAGooglePlayPurchase() throws ReceiptRejectedException {
    final String data = purchaseData(PACKAGE, PRODUCT, 0);

    final VerifiedReceipt receipt = google.verify(new SignedPurchase(data, sign(data, GOOGLE_KEY)), PRODUCT);

    assertThat(receipt).isEqualTo(new VerifiedReceipt(Store.GOOGLE_PLAY, PRODUCT, "GPA.1234-5678-9012-34567",
        null, "GPA.1234-5678-9012-34567", "token-abc", Instant.ofEpochMilli(1700000000000L), 3, null, null,
        null, StoreEnvironment.PRODUCTION, null, null, null));
  }

  @Test
  void acceptsACafeBazaarPurchaseSignedWithAnRsa1392Key() throws ReceiptRejectedException {
    final String data = purchaseData(PACKAGE, PRODUCT, 0);

    final VerifiedReceipt receipt = bazaar.verify(new SignedPurchase(data, sign(data, BAZAAR_KEY)), PRODUCT);

    assertThat(receipt.store()).isEqualTo(Store.CAFE_BAZAAR);
    assertThat(receipt.transactionId()).isEqualTo("GPA.1234-5678-9012-34567");
    assertThat(receipt.purchaseToken()).isEqualTo("token-abc");
  }

  @Test
  void usesThePurchaseTokenWhenTheStoreGivesNoOrderId() throws ReceiptRejectedException {
    final String data = "{\"packageName\":\"" + PACKAGE + "\",\"productId\":\"" + PRODUCT + "\","
        + "\"purchaseTime\":1700000000000,\"purchaseState\":0,\"purchaseToken\":\"token-xyz\"}";

    final VerifiedReceipt receipt = google.verify(new SignedPurchase(data, sign(data, GOOGLE_KEY)), PRODUCT);

    assertThat(receipt.transactionId()).isEqualTo("token-xyz");
    assertThat(receipt.orderId()).isNull();
    assertThat(receipt.quantity()).isEqualTo(1);
  }

  @Test
  void rejectsASignatureOverOtherBytes() {
    final String data = purchaseData(PACKAGE, PRODUCT, 0);
    final String signature = sign(data, GOOGLE_KEY);
    // Same JSON, re-serialised with a space: the signature covers bytes, not meaning.
    final String reserialised = data.replace("\"purchaseState\":0", "\"purchaseState\": 0");

    assertRejected(() -> google.verify(new SignedPurchase(reserialised, signature), PRODUCT),
        RejectionCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsASignatureFromAnotherKeyOfTheSameSize() {
    final String data = purchaseData(PACKAGE, PRODUCT, 0);

    assertRejected(() -> google.verify(new SignedPurchase(data, sign(data, rsa(2048))), PRODUCT),
        RejectionCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsASignatureFromAKeyOfAnotherSize() {
    final String data = purchaseData(PACKAGE, PRODUCT, 0);

    // The JDK throws SignatureException here instead of answering false: still a bad receipt.
    assertRejected(() -> bazaar.verify(new SignedPurchase(data, sign(data, GOOGLE_KEY)), PRODUCT),
        RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> google.verify(new SignedPurchase(data, sign(data, BAZAAR_KEY)), PRODUCT),
        RejectionCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsAMissingOrUndecodableSignature() {
    final String data = purchaseData(PACKAGE, PRODUCT, 0);

    assertRejected(() -> google.verify(new SignedPurchase(data, null), PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> google.verify(new SignedPurchase(data, "%%%"), PRODUCT), RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> google.verify(new SignedPurchase("", "AAAA"), PRODUCT), RejectionCode.MALFORMED_RECEIPT);
  }

  @Test
  void rejectsSignedDataThatIsNotAPurchase() {
    final String notJson = "purchased!";
    final String noToken = "{\"packageName\":\"" + PACKAGE + "\",\"productId\":\"" + PRODUCT + "\","
        + "\"purchaseTime\":1700000000000,\"purchaseState\":0}";
    final String stateAsText = purchaseData(PACKAGE, PRODUCT, 0).replace("\"purchaseState\":0",
        "\"purchaseState\":\"0\"");

    assertRejected(() -> google.verify(new SignedPurchase(notJson, sign(notJson, GOOGLE_KEY)), PRODUCT),
        RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> google.verify(new SignedPurchase(noToken, sign(noToken, GOOGLE_KEY)), PRODUCT),
        RejectionCode.MALFORMED_RECEIPT);
    assertRejected(() -> google.verify(new SignedPurchase(stateAsText, sign(stateAsText, GOOGLE_KEY)), PRODUCT),
        RejectionCode.MALFORMED_RECEIPT);
    // Two readers of the same signed bytes must not see two products.
    final String duplicateKey = purchaseData(PACKAGE, PRODUCT, 0).replace("}", ",\"productId\":\"gems_1\"}");
    assertRejected(() -> google.verify(new SignedPurchase(duplicateKey, sign(duplicateKey, GOOGLE_KEY)), PRODUCT),
        RejectionCode.MALFORMED_RECEIPT, "Duplicate field");
  }

  @Test
  void rejectsAnotherPackage() {
    final String data = purchaseData("com.example.other", PRODUCT, 0);

    assertRejected(() -> google.verify(new SignedPurchase(data, sign(data, GOOGLE_KEY)), PRODUCT),
        RejectionCode.WRONG_PACKAGE);
  }

  @Test
  void rejectsAnotherProduct() {
    final String data = purchaseData(PACKAGE, "gems_1", 0);

    assertRejected(() -> google.verify(new SignedPurchase(data, sign(data, GOOGLE_KEY)), PRODUCT),
        RejectionCode.WRONG_PRODUCT);
  }

  @Test
  void rejectsCancelledAndPendingPurchases() {
    final String cancelled = purchaseData(PACKAGE, PRODUCT, 1);
    final String pending = purchaseData(PACKAGE, PRODUCT, 2);

    assertRejected(() -> google.verify(new SignedPurchase(cancelled, sign(cancelled, GOOGLE_KEY)), PRODUCT),
        RejectionCode.NOT_PURCHASED);
    assertRejected(() -> bazaar.verify(new SignedPurchase(pending, sign(pending, BAZAAR_KEY)), PRODUCT),
        RejectionCode.NOT_PURCHASED);
  }

  @Test
  void validatesItsSettings() {
    final String key = Base64.getEncoder().encodeToString(GOOGLE_KEY.getPublic().getEncoded());

    assertThat(new GooglePlaySettings(PACKAGE, key.substring(0, 64) + "\n" + key.substring(64)).publicKey())
        .isEqualTo(GOOGLE_KEY.getPublic());
    assertThatThrownBy(() -> new GooglePlaySettings(" ", key))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packageName");
    assertThatThrownBy(() -> new GooglePlaySettings(PACKAGE, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publicKeyBase64");
    assertThatThrownBy(() -> new GooglePlaySettings(PACKAGE, "%%%"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");
    assertThatThrownBy(() -> new GooglePlaySettings(PACKAGE, "AAAA"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an X.509 RSA public key");
    assertThatThrownBy(() -> new GooglePlaySettings(PACKAGE,
        Base64.getEncoder().encodeToString(rsa(512).getPublic().getEncoded())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512-bit");
  }

  private static String purchaseData(final String packageName, final String productId, final int state) {
    return "{\"orderId\":\"GPA.1234-5678-9012-34567\",\"packageName\":\"" + packageName + "\","
        + "\"productId\":\"" + productId + "\",\"purchaseTime\":1700000000000,\"purchaseState\":" + state + ","
        + "\"purchaseToken\":\"token-abc\",\"quantity\":3,\"acknowledged\":false}";
  }

  private static GooglePlaySettings settings(final KeyPair key) {
    return new GooglePlaySettings(PACKAGE, Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
  }

  private static String sign(final String data, final KeyPair key) {
    try {
      final Signature signature = Signature.getInstance("SHA1withRSA");
      signature.initSign(key.getPrivate());
      signature.update(data.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("could not sign test purchase data", e);
    }
  }

  private static KeyPair rsa(final int bits) {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("could not generate a test RSA key", e);
    }
  }
}
