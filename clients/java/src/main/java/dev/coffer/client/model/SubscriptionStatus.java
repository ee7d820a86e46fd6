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
  @JsonEnumDefaultValue
  UNKNOWN,
  ACTIVE,
  IN_GRACE_PERIOD,
  IN_BILLING_RETRY,
  CANCELLED,
  EXPIRED,
  REVOKED,
  PAUSED,
  ON_HOLD
}
