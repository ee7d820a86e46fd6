package dev.coffer.projections.purchases;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the ledger's purchase log (a purchase or a revocation) as held for the player:
 * what the store and the game said about the purchase (price, country, os, level).
 *
 * @param eventId the ledger event
 * @param entryType PURCHASE or REVOCATION
 * @param loggedAt when the ledger event occurred
 * @param store the store
 * @param market the sales channel as the game names it
 * @param marketOrderId the store's transaction or order id
 * @param marketProductId the store's product id
 * @param productId Coffer's catalog product
 * @param productType the product's type
 * @param quantity units bought or revoked
 * @param currency ISO 4217 code of {@code price}
 * @param price the price paid as a decimal string (never a binary floating point)
 * @param os the player's operating system
 * @param country ISO 3166-1 alpha-2 country
 * @param playerLevel the player's level at purchase
 * @param grade the player's grade or tier at purchase
 * @param purchaseCount the player's purchases in this app, this one included
 * @param environment SANDBOX or PRODUCTION
 * @param revocationReason for a REVOCATION: why
 * @param expiresAt for subscriptions: the end of the period bought
 * @param reinstatement for a PURCHASE: whether it records a reversed refund (the units count as sold again)
 * @param encryptedDetails the ledger event's personal details (the store's own ids among them) sealed under
 *     the player's data key: opened only for the export; null when the event had none
 */
public record PurchaseLogRecord(String eventId, String entryType, Instant loggedAt, String store, String market,
                                String marketOrderId, String marketProductId, String productId,
                                String productType, long quantity, String currency, String price, String os,
                                String country, Integer playerLevel, String grade, int purchaseCount,
                                String environment, String revocationReason, Instant expiresAt,
                                boolean reinstatement, byte[] encryptedDetails) {
  public PurchaseLogRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(entryType, "entryType");
  }
}
