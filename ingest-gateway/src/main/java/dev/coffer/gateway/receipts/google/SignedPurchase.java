package dev.coffer.gateway.receipts.google;

/**
 * A Google Play or Cafe Bazaar receipt as the client's billing library returned it.
 *
 * @param purchaseData the exact JSON string the store returned ({@code Purchase.getOriginalJson()}); it is
 *                     verified byte for byte and must never be re-serialised on the way
 * @param signature    base64 SHA1withRSA signature over {@code purchaseData}'s UTF-8 bytes
 */
public record SignedPurchase(String purchaseData, String signature) {
}
