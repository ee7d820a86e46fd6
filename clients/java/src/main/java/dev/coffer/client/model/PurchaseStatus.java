package dev.coffer.client.model;

/**
 * A purchase's refund status: PURCHASED, PARTIALLY_REFUNDED (some units refunded), REFUNDED (every unit
 * refunded, charged back or revoked); a reversed refund makes it PURCHASED again.
 *
 * <p>A copy of the read API's enum ({@code WireEnumsTest} fails when they drift). A status added by a
 * newer server reads as {@code null}.
 */
public enum PurchaseStatus {
  /** Not refunded. */
  PURCHASED,
  /** Some units refunded. */
  PARTIALLY_REFUNDED,
  /** Every unit refunded. */
  REFUNDED
}
