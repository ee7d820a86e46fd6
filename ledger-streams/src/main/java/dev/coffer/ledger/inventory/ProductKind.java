package dev.coffer.ledger.inventory;

/** How a purchased product behaves once bought. */
public enum ProductKind {
  /** Can be used up, bought again and again. */
  CONSUMABLE,
  /** Owned for good: never consumed, never bought or granted twice while owned. */
  NON_CONSUMABLE,
  /** Owned until it expires; renewals extend the same instance. */
  SUBSCRIPTION
}
