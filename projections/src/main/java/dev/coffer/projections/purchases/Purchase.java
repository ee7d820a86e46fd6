package dev.coffer.projections.purchases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One store purchase of a player (one transaction: a renewal is a purchase of its own), with its
 * refund status, built from the ledger's purchase log alone, so a purchase that gave only currency is
 * listed like any other.
 *
 * <p>{@code status}: PURCHASED; PARTIALLY_REFUNDED (some units refunded: a quantity-based partial refund);
 * REFUNDED (every unit refunded, charged back or revoked). A reversed refund (Apple REFUND_REVERSED)
 * makes it PURCHASED again.
 *
 * @param store the store
 * @param transactionId the store's transaction or order id
 * @param productId Coffer's catalog product
 * @param storeProductId the store's product id (SKU)
 * @param productType CONSUMABLE, NON_CONSUMABLE or SUBSCRIPTION
 * @param quantity units bought
 * @param refundedQuantity units refunded and not reinstated
 * @param status PURCHASED, PARTIALLY_REFUNDED or REFUNDED
 * @param revocationReason why it was last refunded or revoked, while it is
 * @param purchasedAt when the ledger recorded it
 * @param expiresAt for subscriptions: the end of the period this transaction bought
 * @param price the price paid, as a decimal string (never binary floating point), if reported
 * @param currency ISO 4217 code of {@code price}
 * @param country ISO 3166-1 alpha-2 country, if reported
 * @param sourceEventId the ledger event of the purchase
 * @param log the purchase-log entries of this transaction (the purchase, refunds, reversals), oldest first
 */
public record Purchase(String store, String transactionId, String productId, String storeProductId,
                       String productType, long quantity, long refundedQuantity, String status,
                       String revocationReason, Instant purchasedAt, Instant expiresAt, String price,
                       String currency, String country, String sourceEventId, List<PurchaseLogRecord> log) {
  /** Not refunded. */
  public static final String PURCHASED = "PURCHASED";
  /** Some units refunded. */
  public static final String PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED";
  /** Every unit refunded. */
  public static final String REFUNDED = "REFUNDED";

  private static final Comparator<PurchaseLogRecord> ORDER =
      Comparator.comparing(PurchaseLogRecord::loggedAt).thenComparing(PurchaseLogRecord::eventId);

  public Purchase {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(status, "status");
    log = List.copyOf(log);
  }

  /** The row id of a transaction in the player's purchases: {@code <store>|<transactionId>}. */
  public static String rowId(final String store, final String transactionId) {
    return store + "|" + transactionId;
  }

  /**
   * The purchase after one more purchase-log entry of its transaction. Folded from the whole set of
   * entries, so an entry seen twice (at-least-once reading) changes nothing the second time.
   *
   * @param before the purchase so far, or {@code null} if this is the first entry seen
   * @param entry a PURCHASE (or reinstatement) or REVOCATION entry of the transaction
   * @return the purchase after it
   */
  public static Purchase with(final Purchase before, final PurchaseLogRecord entry) {
    final List<PurchaseLogRecord> entries = new ArrayList<>();
    if (before != null) {
      before.log().stream().filter(e -> !(e.eventId().equals(entry.eventId())
          && e.entryType().equals(entry.entryType()))).forEach(entries::add);
    }
    entries.add(entry);
    entries.sort(ORDER);
    PurchaseLogRecord bought = null;
    long refunded = 0;
    String reason = null;
    for (final PurchaseLogRecord e : entries) {
      if ("REVOCATION".equals(e.entryType())) {
        refunded += e.quantity();
        reason = e.revocationReason();
      } else if (e.reinstatement()) {
        refunded = 0;
        reason = null;
      } else if (bought == null) {
        bought = e;
      }
    }
    final PurchaseLogRecord first = bought != null ? bought : entries.get(0);
    final long quantity = bought != null ? bought.quantity() : Math.max(refunded, 1);
    refunded = Math.min(refunded, quantity);
    final String status = refunded == 0 ? PURCHASED : refunded < quantity ? PARTIALLY_REFUNDED : REFUNDED;
    return new Purchase(first.store(), first.marketOrderId(), first.productId(), first.marketProductId(),
        first.productType(), quantity, refunded, status, reason, first.loggedAt(), first.expiresAt(),
        bought == null ? null : bought.price(), bought == null ? null : bought.currency(),
        bought == null ? null : bought.country(), first.eventId(), entries);
  }
}
