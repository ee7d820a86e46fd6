package dev.coffer.gateway.receipts.teststore;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.ReceiptVerifier;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.requests.JsonReader;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Verifies {@code test} store receipts (format in {@link TestReceipts}). Refuses everything with
 * {@link RejectionCode#STORE_DISABLED} unless the app has a secret; receipts are always
 * {@link StoreEnvironment#SANDBOX}.
 */
public final class TestReceiptVerifier implements ReceiptVerifier<String> {

  private final TestStoreSettings settings;

  /** @param settings the app's test-store settings */
  public TestReceiptVerifier(final TestStoreSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public VerifiedReceipt verify(final String receipt) throws ReceiptRejectedException {
    if (!settings.enabled()) {
      throw new ReceiptRejectedException(RejectionCode.STORE_DISABLED,
          "the test store is not enabled for app " + settings.appId());
    }
    if (receipt == null) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "receipt is missing");
    }
    final int dot = receipt.indexOf('.');
    if (dot <= 0 || dot != receipt.lastIndexOf('.') || dot == receipt.length() - 1) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT,
          "a test receipt is base64url(payload).base64url(mac)");
    }
    final String encodedPayload = receipt.substring(0, dot);
    final byte[] givenMac = base64url(receipt.substring(dot + 1), "mac");
    final byte[] expectedMac = TestReceipts.mac(settings.secret(), encodedPayload);
    // Constant time, so the MAC cannot be guessed byte by byte from response times.
    if (!MessageDigest.isEqual(expectedMac, givenMac)) {
      throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
          "the receipt's HMAC does not match the test store secret of app " + settings.appId());
    }

    final JsonReader<ReceiptRejectedException> payload = JsonReader.parse(
        new String(base64url(encodedPayload, "payload"), StandardCharsets.UTF_8),
        ReceiptRejectedException.as(RejectionCode.MALFORMED_RECEIPT), "payload");
    final String appId = payload.text("appId");
    if (!settings.appId().equals(appId)) {
      throw new ReceiptRejectedException(RejectionCode.WRONG_PACKAGE,
          "receipt is for app " + appId + ", expected " + settings.appId());
    }
    final String productId = payload.text("productId");
    final TestReceipt claims;
    try {
      final Long quantity = payload.optionalInteger("quantity");
      final String price = payload.optionalText("price");
      claims = new TestReceipt(appId, payload.text("transactionId"), productId,
          Instant.ofEpochMilli(payload.integer("purchaseTime")), quantity == null ? 1 : quantity,
          price == null ? null : new BigDecimal(price), payload.optionalText("currency"));
    } catch (final IllegalArgumentException e) {
      // TestReceipt's own checks (quantity, price, currency) decide what a well-formed payload is.
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "payload: " + e.getMessage(), e);
    }
    return new VerifiedReceipt(
        Store.TEST,
        claims.productId(),
        claims.transactionId(),
        null,
        null,
        null,
        claims.purchaseTime(),
        claims.quantity(),
        claims.price(),
        claims.currency(),
        null,
        StoreEnvironment.SANDBOX,
        null,
        null,
        null);
  }

  private static byte[] base64url(final String text, final String part) throws ReceiptRejectedException {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (final IllegalArgumentException e) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "the " + part + " is not base64url", e);
    }
  }
}
