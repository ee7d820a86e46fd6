package dev.coffer.gateway.receipts;

import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A purchase whose receipt a {@link ReceiptVerifier} verified: the store's facts about it, in the terms of the
 * ledger's {@code PurchaseVerified} event (which adds the catalog product and grants).
 *
 * @param store                 the store that signed the receipt
 * @param storeProductId        the store's product id (SKU)
 * @param transactionId         the store's unique id of this transaction, the receipt part of the dedupe key:
 *                              Google Play and Cafe Bazaar {@code orderId} (the {@code purchaseToken} when the
 *                              store gives no order id, as for Google license testers), Apple
 *                              {@code transactionId}, the test store's {@code transactionId}
 * @param originalTransactionId Apple's {@code originalTransactionId} (ties renewals to the first purchase); null
 *                              elsewhere
 * @param orderId               the store's order id when it has one: Google/Bazaar {@code orderId}, Apple
 *                              {@code webOrderLineItemId}; nullable
 * @param purchaseToken         Google Play or Cafe Bazaar purchase token; null elsewhere
 * @param purchaseTime          when the store says the purchase happened
 * @param quantity              how many units were bought; positive
 * @param price                 price paid in {@code currency}, when the store says it (Apple, test store); nullable
 * @param currency              ISO 4217 code of {@code price}; nullable
 * @param country               ISO 3166-1 alpha-2 country of the purchase, when the store says it; nullable
 * @param environment           sandbox or production
 * @param expiresAt             for subscriptions, when this period ends; nullable
 * @param productType           the store's own statement of the product's type (Apple's {@code type}); null when
 *                              the store does not say, in which case the catalog decides
 * @param revocation            set when the store says the transaction was revoked; a purchase verification
 *                              rejects such receipts, notifications carry them
 * @param boundAccount          the account the game bound the purchase to, as the store signed it: Google
 *                              Play {@code obfuscatedAccountId}, Apple {@code appAccountToken} (see
 *                              {@link BuyerIds}); nullable
 */
public record VerifiedReceipt(
                              Store store,
                              String storeProductId,
                              String transactionId,
                              String originalTransactionId,
                              String orderId,
                              String purchaseToken,
                              Instant purchaseTime,
                              long quantity,
                              BigDecimal price,
                              String currency,
                              String country,
                              StoreEnvironment environment,
                              Instant expiresAt,
                              ProductType productType,
                              Revocation revocation,
                              String boundAccount) {

  /** A receipt that names no buyer account. */
  public VerifiedReceipt(final Store store, final String storeProductId, final String transactionId,
                         final String originalTransactionId, final String orderId, final String purchaseToken,
                         final Instant purchaseTime, final long quantity, final BigDecimal price, final String currency,
                         final String country, final StoreEnvironment environment, final Instant expiresAt,
                         final ProductType productType, final Revocation revocation) {
    this(store, storeProductId, transactionId, originalTransactionId, orderId, purchaseToken, purchaseTime,
        quantity, price, currency, country, environment, expiresAt, productType, revocation, null);
  }

  /** Checks the fields every store provides. */
  public VerifiedReceipt {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(storeProductId, "storeProductId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(purchaseTime, "purchaseTime");
    Objects.requireNonNull(environment, "environment");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }

  /**
   * The store's statement that a transaction was taken back.
   *
   * @param revokedAt when the store revoked it
   * @param reason    the store's own reason, e.g. Apple's {@code REFUNDED_DUE_TO_ISSUE}; nullable
   */
  public record Revocation(Instant revokedAt, String reason) {

    /** Requires the revocation time. */
    public Revocation {
      Objects.requireNonNull(revokedAt, "revokedAt");
    }
  }
}
