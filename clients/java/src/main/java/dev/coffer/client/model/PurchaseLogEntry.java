package dev.coffer.client.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of the ledger's purchase log, as held for the player (a purchase, a refund, a reversal).
 *
 * @param eventId the ledger event
 * @param entryType PURCHASE or REVOCATION
 * @param loggedAt when the event occurred
 * @param store the store
 * @param market the sales channel as the game names it
 * @param marketOrderId the store's transaction or order id
 * @param marketProductId the store's product id
 * @param productId Coffer's catalog product
 * @param productType the product's type
 * @param quantity units bought or revoked
 * @param currency ISO 4217 code of {@code price}
 * @param price the price paid
 * @param os the player's operating system
 * @param country ISO 3166-1 alpha-2 country
 * @param playerLevel the player's level at purchase
 * @param grade the player's grade at purchase
 * @param purchaseCount the player's purchases in this app, this one included
 * @param environment SANDBOX or PRODUCTION
 * @param revocationReason for a REVOCATION: why (REFUND, CHARGEBACK, ...)
 * @param expiresAt for subscriptions: the end of the period bought
 * @param reinstatement whether the entry records a reversed refund
 */
public record PurchaseLogEntry(String eventId, String entryType, Instant loggedAt, Store store, String market,
                               String marketOrderId, String marketProductId, String productId,
                               ProductType productType, long quantity, String currency, BigDecimal price, String os,
                               String country, Integer playerLevel, String grade, int purchaseCount,
                               String environment, String revocationReason, Instant expiresAt,
                               boolean reinstatement) {
}
