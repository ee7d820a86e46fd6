package dev.coffer.client.model;

/**
 * What the ledger did with an event: APPLIED (it changed the player's state), DUPLICATE (its dedupe
 * key was seen before: the outcome is the first event's), REJECTED (refused; nothing changed).
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@code null}.
 */
public enum OutcomeStatus {
  /** The event changed the player's state. */
  APPLIED,
  /** The dedupe key was seen before: the first event's outcome. */
  DUPLICATE,
  /** Refused; nothing changed. */
  REJECTED
}
