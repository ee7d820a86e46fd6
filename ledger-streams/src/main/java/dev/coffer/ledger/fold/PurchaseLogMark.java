package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.PurchaseRecord;
import java.util.Objects;

/**
 * Tells the fold to write a purchase-log entry for an applied purchase or revocation.
 *
 * @param kind a purchase or a revocation
 * @param purchaseCount the player's applied purchases, this one included
 * @param purchase the purchase recorded or revoked
 * @param units the units bought, refunded or whose refund was reversed
 */
public record PurchaseLogMark(Kind kind, int purchaseCount, PurchaseRecord purchase, long units) {
  /** What the entry records. */
  public enum Kind {
    /** An applied purchase (renewals included). */
    PURCHASE,
    /** An applied revocation (a refund of some or all units). */
    REVOCATION,
    /** An applied reversal of a purchase's refunds. */
    REINSTATEMENT
  }

  public PurchaseLogMark {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(purchase, "purchase");
  }
}
