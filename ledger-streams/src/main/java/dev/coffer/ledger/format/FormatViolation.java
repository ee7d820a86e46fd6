package dev.coffer.ledger.format;

import dev.coffer.ledger.deadletter.DeadLetterReason;
import java.util.Objects;

/**
 * A record that breaks a rule of the event format: it goes to the dead letters, never to the fold.
 *
 * @param reason the stable code
 * @param detail a human-readable explanation (never the record's content)
 */
public record FormatViolation(DeadLetterReason reason, String detail) {
  public FormatViolation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
