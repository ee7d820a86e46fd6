package dev.coffer.ledger.rejection;

import java.util.Objects;

/**
 * Thrown by a domain rule that refuses an event; the fold turns it into a REJECTED outcome and
 * leaves the player's state as it was. Carries no stack trace: it is an answer, not a failure.
 */
public final class RuleRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  /**
   * A refusal.
   *
   * @param reason the stable code
   * @param message a human-readable explanation
   */
  public RuleRejected(final Reason reason, final String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable code. */
  public Reason reason() {
    return reason;
  }
}
