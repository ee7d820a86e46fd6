package dev.coffer.projections.analytics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one purchase-log entry adds to its app's revenue, priced: the record the pricing step sends to
 * the per-app aggregate.
 *
 * @param appId the app
 * @param day the UTC day of the entry ({@code yyyy-MM-dd}): the purchase's day, or the refund's
 * @param store the store
 * @param currency ISO 4217 code of {@code amount}, or {@code null} when no price was reported
 * @param kind what the entry was
 * @param units units bought, refunded or reinstated
 * @param amount the money it moved (positive; a refund's is what the refunded units cost), {@code null}
 *     when no price was reported
 */
public record RevenueMove(String appId, String day, String store, String currency, Kind kind, long units,
                          BigDecimal amount) {
  /** The kinds of purchase-log entry. */
  public enum Kind {
    /** A purchase (a renewal is one). */
    PURCHASE,
    /** A refund, chargeback or revocation of some or every unit. */
    REFUND,
    /** A reversed refund: the units count as sold again. */
    REINSTATEMENT
  }

  public RevenueMove {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(kind, "kind");
  }

  /** The key of this move's row in the revenue store: {@code appId|day|store|currency} ({@code -} for none). */
  public String rowKey() {
    return RevenueDay.key(appId, day, store, currency);
  }
}
