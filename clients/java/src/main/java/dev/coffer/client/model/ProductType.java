package dev.coffer.client.model;

/**
 * The type of a catalog product.
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@code null}.
 */
public enum ProductType {
  /** Bought again and again. */
  CONSUMABLE,
  /** Bought once, held for good. */
  NON_CONSUMABLE,
  /** Renews by period. */
  SUBSCRIPTION
}
