package dev.coffer.client.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One store transaction of a player (a renewal is one of its own) with its refund status.
 *
 * @param store the store
 * @param transactionId the store's transaction or order id
 * @param productId Coffer's catalog product
 * @param storeProductId the store's product id (SKU)
 * @param productType the product's type
 * @param quantity units bought
 * @param refundedQuantity units refunded and not reinstated
 * @param status PURCHASED, PARTIALLY_REFUNDED or REFUNDED
 * @param revocationReason why it was last refunded, while it is
 * @param purchasedAt when the ledger recorded it
 * @param expiresAt for subscriptions: the end of the period it bought
 * @param price the price paid, if reported
 * @param currency ISO 4217 code of {@code price}
 * @param country ISO 3166-1 alpha-2 country, if reported
 * @param sourceEventId the ledger event of the purchase
 * @param log the transaction's purchase-log entries, oldest first
 * @param storeIds read with a server key: the store's own ids ({@code transactionId} above is their
 *     pseudonym); empty otherwise
 * @param causes read with a server key: each log entry's cause, by eventId; empty otherwise
 */
public record Purchase(Store store, String transactionId, String productId, String storeProductId,
                       ProductType productType, long quantity, long refundedQuantity, PurchaseStatus status,
                       String revocationReason, Instant purchasedAt, Instant expiresAt, BigDecimal price,
                       String currency, String country, String sourceEventId, List<PurchaseLogEntry> log,
                       Map<String, String> storeIds, Map<String, Cause> causes) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Purchase {
    log = log == null ? List.of() : List.copyOf(log);
    storeIds = storeIds == null ? Map.of() : Map.copyOf(storeIds);
    causes = causes == null ? Map.of() : Map.copyOf(causes);
  }
}
