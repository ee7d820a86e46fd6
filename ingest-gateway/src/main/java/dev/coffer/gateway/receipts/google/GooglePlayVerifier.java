package dev.coffer.gateway.receipts.google;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.ReceiptVerifier;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.requests.JsonReader;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Verifies Google Play and Cafe Bazaar receipts offline: the {@code signature} (SHA1withRSA) over the exact bytes
 * of {@code purchaseData} under the app's public key, then package name, product id and {@code purchaseState}.
 *
 * <p>Cafe Bazaar implements Google's in-app billing v3 format, so one class serves both; only the
 * {@link Store} it reports differs. The purchase data carries no sandbox flag: every receipt is
 * {@link StoreEnvironment#PRODUCTION}.
 */
public final class GooglePlayVerifier implements ReceiptVerifier<SignedPurchase> {

  private static final String SIGNATURE_ALGORITHM = "SHA1withRSA";
  private static final long PURCHASED = 0;

  private final Store store;
  private final String packageName;
  private final RSAPublicKey publicKey;

  private GooglePlayVerifier(final Store store, final GooglePlaySettings settings) {
    this.store = store;
    this.packageName = Objects.requireNonNull(settings, "settings").packageName();
    this.publicKey = settings.publicKey();
  }

  /** @return a verifier of Google Play receipts for the app in {@code settings} */
  public static GooglePlayVerifier googlePlay(final GooglePlaySettings settings) {
    return new GooglePlayVerifier(Store.GOOGLE_PLAY, settings);
  }

  /** @return a verifier of Cafe Bazaar receipts (RSA-1392 keys) for the app in {@code settings} */
  public static GooglePlayVerifier cafeBazaar(final GooglePlaySettings settings) {
    return new GooglePlayVerifier(Store.CAFE_BAZAAR, settings);
  }

  @Override
  public VerifiedReceipt verify(final SignedPurchase receipt) throws ReceiptRejectedException {
    Objects.requireNonNull(receipt, "receipt");
    if (receipt.purchaseData() == null || receipt.purchaseData().isEmpty()) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "purchaseData is missing");
    }
    // Nothing in purchaseData is read before its signature holds.
    checkSignature(receipt.purchaseData(), receipt.signature());

    final JsonReader<ReceiptRejectedException> data = JsonReader.parse(receipt.purchaseData(),
        ReceiptRejectedException.as(RejectionCode.MALFORMED_RECEIPT), "purchaseData");
    final String dataPackage = data.text("packageName");
    if (!packageName.equals(dataPackage)) {
      throw new ReceiptRejectedException(RejectionCode.WRONG_PACKAGE,
          "receipt is for package " + dataPackage + ", expected " + packageName);
    }
    final String productId = data.text("productId");
    final long purchaseState = data.integer("purchaseState");
    if (purchaseState != PURCHASED) {
      throw new ReceiptRejectedException(RejectionCode.NOT_PURCHASED,
          "purchaseState is " + purchaseState + " (0 = purchased, 1 = cancelled, 2 = pending)");
    }
    final String purchaseToken = data.text("purchaseToken");
    final String orderId = data.optionalText("orderId");
    final Long quantity = data.optionalInteger("quantity");
    if (quantity != null && quantity <= 0) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT,
          "purchaseData.quantity must be positive, was " + quantity);
    }
    return new VerifiedReceipt(
        store,
        productId,
        // License testers' purchases carry no orderId; the token is then the only unique id.
        orderId == null || orderId.isEmpty() ? purchaseToken : orderId,
        null,
        orderId,
        purchaseToken,
        Instant.ofEpochMilli(data.integer("purchaseTime")),
        quantity == null ? 1 : quantity,
        null,
        null,
        null,
        StoreEnvironment.PRODUCTION,
        null,
        null,
        null,
        data.optionalText("obfuscatedAccountId"));
  }

  private void checkSignature(final String purchaseData, final String signatureBase64)
      throws ReceiptRejectedException {
    if (signatureBase64 == null || signatureBase64.isBlank()) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "signature is missing");
    }
    final byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(signatureBase64.strip());
    } catch (final IllegalArgumentException e) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "signature is not base64", e);
    }
    final boolean valid;
    try {
      final Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(purchaseData.getBytes(StandardCharsets.UTF_8));
      valid = verifier.verify(signatureBytes);
    } catch (final SignatureException e) {
      // The JDK throws rather than answering false when the signature has another key's length.
      throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
          "signature does not verify under the " + store + " key of " + packageName + ": " + e.getMessage(), e);
    } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(SIGNATURE_ALGORITHM + " is unavailable for the key of " + packageName, e);
    }
    if (!valid) {
      throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
          "signature does not match purchaseData under the " + store + " key of " + packageName);
    }
  }
}
