package dev.coffer.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What kind of ledger event an {@link Outcome} or a {@link LedgerEntry} answers.
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@link #UNKNOWN}.
 */
public enum EventType {
  /** A value this SDK does not know (added after it was built). */
  @JsonEnumDefaultValue
  UNKNOWN,
  PURCHASE_VERIFIED,
  ITEM_CONSUMED,
  GRANT_ISSUED,
  CURRENCY_SPENT,
  PURCHASE_REVOKED,
  SUBSCRIPTION_UPDATED,
  PLAYER_ERASED,
  PURCHASE_REINSTATED
}
