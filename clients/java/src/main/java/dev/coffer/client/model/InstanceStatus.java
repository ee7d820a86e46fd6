package dev.coffer.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The state of an item instance.
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@link #UNKNOWN}.
 */
public enum InstanceStatus {
  /** A value this SDK does not know (added after it was built). */
  @JsonEnumDefaultValue UNKNOWN,
  /** Held. */
  ACTIVE,
  /** Used up. */
  CONSUMED,
  /** Taken back (refund). */
  REVOKED,
  /** A subscription past its period. */
  EXPIRED
}
