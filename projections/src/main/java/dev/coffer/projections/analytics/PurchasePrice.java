package dev.coffer.projections.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a priced purchase cost, kept so that its refunds can be priced: the purchase log's refund entries
 * name the transaction and the units, not the money.
 *
 * @param price what the transaction cost in all
 * @param currency ISO 4217 code
 * @param quantity units it bought
 */
public record PurchasePrice(BigDecimal price, String currency, long quantity) {
  /** The scale of the purchase log's prices. */
  static final int SCALE = 6;

  public PurchasePrice {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(currency, "currency");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
  }

  /** What {@code units} of it cost: the price shared over its units, at the log's scale, half-even. */
  public BigDecimal of(final long units) {
    if (units >= quantity) {
      return price;
    }
    return price.multiply(BigDecimal.valueOf(units)).divide(BigDecimal.valueOf(quantity), SCALE,
        RoundingMode.HALF_EVEN);
  }
}
