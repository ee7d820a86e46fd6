package dev.coffer.gateway.receipts;

/**
 * Why a receipt or a store notification was refused: stable, machine-readable, one code per distinct cause.
 * The HTTP layer answers every code with 422 (400 for the malformed ones), never with a 500.
 */
public enum RejectionCode {
  /** The receipt is not in the store's format: bad encoding, not JSON, a required field missing or mistyped. */
  MALFORMED_RECEIPT,
  /** A store server notification is not in the store's format. */
  MALFORMED_NOTIFICATION,
  /** The signature does not match the signed bytes under the configured key (or is of another key size). */
  BAD_SIGNATURE,
  /** Google Play, Cafe Bazaar or test store: the receipt is for another package (app). */
  WRONG_PACKAGE,
  /** Apple: the signed data is for another bundle id (or, for notifications, another app Apple id). */
  WRONG_BUNDLE_ID,
  /** The receipt is for another store product than the one the purchase claims. */
  WRONG_PRODUCT,
  /** Apple: the certificate chain in the JWS header does not lead to a configured root, or is not Apple's shape. */
  UNTRUSTED_CHAIN,
  /** Apple: the signed data is from another environment (sandbox versus production) than configured. */
  WRONG_ENVIRONMENT,
  /** Google Play or Cafe Bazaar: {@code purchaseState} is not 0 (purchased): cancelled or pending. */
  NOT_PURCHASED,
  /** The store says the transaction was revoked (refunded, or access taken back). */
  TRANSACTION_REVOKED,
  /** A subscription transaction whose period has already ended. */
  TRANSACTION_EXPIRED,
  /** The store is not enabled for this app (the test store without a configured secret). */
  STORE_DISABLED,
  /** The receipt names another buyer (Google obfuscatedAccountId, Apple appAccountToken) than the player. */
  RECEIPT_NOT_FOR_PLAYER,
  /** The app requires receipts to name their buyer and this one names none. */
  RECEIPT_NOT_BOUND,
  /** A webhook's signature timestamp is outside the tolerance (Stripe): a replay or a clock far off. */
  STALE_SIGNATURE
}
