package dev.coffer.projections.analytics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One app's revenue of one UTC day in one store and currency. Amounts are decimal (never binary
 * floating point) in the currency's major unit, as the stores report prices; {@code net} is what was
 * kept: gross, less refunds, plus reversed refunds. Purchases without a reported price are counted
 * under currency {@code null}, with zero amounts.
 *
 * @param appId the app
 * @param day the UTC day, {@code yyyy-MM-dd}
 * @param store the store
 * @param currency ISO 4217 code, or {@code null} for purchases without a price
 * @param purchases purchases recorded that day
 * @param gross what they cost
 * @param refunds refunds, chargebacks and revocations recorded that day
 * @param refunded what the refunded units had cost
 * @param reinstatements reversed refunds recorded that day
 * @param reinstated what the reinstated units cost
 */
public record RevenueDay(String appId, String day, String store, String currency, long purchases, BigDecimal gross,
                         long refunds, BigDecimal refunded, long reinstatements, BigDecimal reinstated) {
  /** The currency segment of a key for purchases without a price. */
  static final String NO_CURRENCY = "-";

  public RevenueDay {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(gross, "gross");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(reinstated, "reinstated");
  }

  /** The empty row of a move's key. */
  static RevenueDay empty(final RevenueMove move) {
    return new RevenueDay(move.appId(), move.day(), move.store(), move.currency(), 0, BigDecimal.ZERO, 0,
        BigDecimal.ZERO, 0, BigDecimal.ZERO);
  }

  /** The row key: {@code appId|day|store|currency}; days sort as text, so one app's range is its days in order. */
  public static String key(final String appId, final String day, final String store, final String currency) {
    return appId + "|" + day + "|" + store + "|" + (currency == null ? NO_CURRENCY : currency);
  }

  /** What was kept: gross, less refunded, plus reinstated. */
  public BigDecimal net() {
    return gross.subtract(refunded).add(reinstated);
  }

  /** This row with one more move of its key. */
  public RevenueDay plus(final RevenueMove move) {
    if (!move.rowKey().equals(key(appId, day, store, currency))) {
      throw new IllegalArgumentException("move of " + move.rowKey() + " added to " + key(appId, day, store, currency));
    }
    final BigDecimal amount = move.amount() == null ? BigDecimal.ZERO : move.amount();
    return switch (move.kind()) {
      case PURCHASE -> new RevenueDay(appId, day, store, currency, purchases + 1, gross.add(amount), refunds,
          refunded, reinstatements, reinstated);
      case REFUND -> new RevenueDay(appId, day, store, currency, purchases, gross, refunds + 1,
          refunded.add(amount), reinstatements, reinstated);
      case REINSTATEMENT -> new RevenueDay(appId, day, store, currency, purchases, gross, refunds, refunded,
          reinstatements + 1, reinstated.add(amount));
    };
  }
}
