package dev.coffer.ledger.inventory;

/** The state of an item instance. */
public enum InstanceStatus {
  /** Held and usable. */
  ACTIVE,
  /** Used up (a consumable with nothing left, or auto-consumed at purchase). */
  CONSUMED,
  /** Taken back by a revocation. */
  REVOKED,
  /** A subscription whose period ended. */
  EXPIRED
}
