package dev.coffer.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * A subscription's status as its store reports it (a read's {@link Subscription} also says EXPIRED past
 * its expiry).
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@link #UNKNOWN}.
 */
public enum SubscriptionStatus {
  /** A value this SDK does not know (added after it was built). */
  @JsonEnumDefaultValue UNKNOWN,
  /** Paid and renewing. */
  ACTIVE,
  /** A renewal failed; still entitled during the grace period. */
  IN_GRACE_PERIOD,
  /** A renewal failed; the store retries. */
  IN_BILLING_RETRY,
  /** Auto-renew off; entitled until it expires. */
  CANCELLED,
  /** Ended. */
  EXPIRED,
  /** Refunded or revoked. */
  REVOKED,
  /** Paused by the player. */
  PAUSED,
  /** On hold after failed payments. */
  ON_HOLD
}
