package dev.coffer.ledger.rejection;

/**
 * Why the ledger refused an event: the stable, machine-readable code of a REJECTED outcome (and of
 * a DUPLICATE of one). The names are the wire codes; never rename one. They are exactly the symbols of
 * the outcome's Avro enum {@code dev.coffer.schemas.outcome.RejectionReason} (less its {@code UNKNOWN}),
 * in the same order: a new reason goes into that enum first ({@code ReasonTest} fails on any drift).
 */
public enum Reason {
  /** A spend would take a balance below zero. */
  INSUFFICIENT_FUNDS,
  /** The instance, transaction or subscription named is not the player's. */
  NOT_OWNED,
  /**
   * The instance named is the player's but not active. Ended instances (consumed, revoked, expired)
   * leave the player's state, so a consume of one now answers NOT_OWNED; kept for the wire.
   */
  NOT_ACTIVE,
  /** A consume of a non-consumable or subscription instance. */
  NOT_CONSUMABLE,
  /** A consume naming another item than the instance is of (its onConsume grants would be wrong). */
  ITEM_MISMATCH,
  /** A consume of more units than the instance has left. */
  INSUFFICIENT_QUANTITY,
  /**
   * A non-consumable the player owns (active, not revoked) bought or granted again, or a permanent
   * item granted while the player holds it.
   */
  ALREADY_OWNED,
  /** A grant of more than one unit of a permanent (non-consumable) item, which is only ever held once. */
  NON_CONSUMABLE_QUANTITY,
  /** A revocation of a purchase already revoked, or an update of a revoked subscription. */
  ALREADY_REVOKED,
  /** A store transaction the player's ledger already recorded under another dedupe key. */
  TRANSACTION_ALREADY_RECORDED,
  /** A receipt's dedupe key already used by another player: a fraud signal. */
  RECEIPT_ALREADY_USED,
  /** A dedupe key already used with different content. */
  IDEMPOTENCY_KEY_REUSED,
  /** A purchase, grant, spend or consume for a player who was erased. */
  PLAYER_ERASED,
  /** An amount or quantity that would overflow a {@code long}. */
  AMOUNT_OVERFLOW,
  /**
   * The event would leave the player holding more active item instances than the ledger's cap
   * ({@code max.active.instances}): consume or let some end first.
   */
  INVENTORY_FULL,
  /**
   * The player's state after the event would not fit the ledger's bound on one stored value
   * ({@code max.state.bytes}, below the broker's message limit).
   */
  STATE_TOO_LARGE,
  /** A reversal of a refund (Apple REFUND_REVERSED) for a purchase that has no refund to reverse. */
  NOT_REVOKED
}
