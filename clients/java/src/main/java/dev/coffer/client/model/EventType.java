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
  @JsonEnumDefaultValue UNKNOWN,
  /** A store purchase (or renewal). */
  PURCHASE_VERIFIED,
  /** A consume of an item instance. */
  ITEM_CONSUMED,
  /** A grant (also a migrated row). */
  GRANT_ISSUED,
  /** A spend. */
  CURRENCY_SPENT,
  /** A refund, chargeback or revocation. */
  PURCHASE_REVOKED,
  /** A subscription's status from its store. */
  SUBSCRIPTION_UPDATED,
  /** The erasure of the player. */
  PLAYER_ERASED,
  /** A refund reversed. */
  PURCHASE_REINSTATED
}
