package dev.coffer.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why the ledger refused an event: the {@code reason} of a REJECTED {@link Outcome} and the {@code code}
 * of a {@link dev.coffer.client.RejectedException}: 409 for a conflict with what was recorded before,
 * 422 for a broken rule.
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@link #UNKNOWN}.
 */
public enum RejectionReason {
  /** A value this SDK does not know (added after it was built). */
  @JsonEnumDefaultValue UNKNOWN,
  /** A spend would overdraw the wallet (422). */
  INSUFFICIENT_FUNDS,
  /** The player holds no such instance (422). */
  NOT_OWNED,
  /** The instance is consumed, revoked or expired (422). */
  NOT_ACTIVE,
  /** The instance is of a permanent item, a non-consumable or a subscription (422). */
  NOT_CONSUMABLE,
  /** A consume named another item than the instance holds (422). */
  ITEM_MISMATCH,
  /** The instance has fewer units left than the consume asks for (422). */
  INSUFFICIENT_QUANTITY,
  /** The player already holds this permanent item or non-consumable (409). */
  ALREADY_OWNED,
  /** More than one unit of a permanent item (422). */
  NON_CONSUMABLE_QUANTITY,
  /** The purchase was revoked before (409). */
  ALREADY_REVOKED,
  /** The store transaction was recorded before under another key (409). */
  TRANSACTION_ALREADY_RECORDED,
  /** The receipt was recorded for another player (409; a fraud signal). */
  RECEIPT_ALREADY_USED,
  /** The idempotency key was used before with another request (409). */
  IDEMPOTENCY_KEY_REUSED,
  /** The player was erased (422). */
  PLAYER_ERASED,
  /** A balance or quantity would overflow (422). */
  AMOUNT_OVERFLOW,
  /** The player holds as many active instances as the ledger allows (422). */
  INVENTORY_FULL,
  /** The player's state would exceed the ledger's bound (422). */
  STATE_TOO_LARGE,
  /** A reinstatement of a purchase that is not revoked (422). */
  NOT_REVOKED
}
