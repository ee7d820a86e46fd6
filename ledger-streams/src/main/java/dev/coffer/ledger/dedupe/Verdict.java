package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.rejection.Reason;
import java.util.Objects;

/** What dedupe decided about an event, before the fold sees it. */
public sealed interface Verdict {
  /** A dedupe key seen for the first time (or expired): the fold decides it. */
  record New() implements Verdict {
  }

  /**
   * The same content under a dedupe key already seen: the fold answers with the original's outcome.
   *
   * @param originalEventId the first event with this key
   */
  record Duplicate(String originalEventId) implements Verdict {
    public Duplicate {
      Objects.requireNonNull(originalEventId, "originalEventId");
    }
  }

  /**
   * Refused by dedupe: a reused idempotency key, or a receipt already used by another player.
   *
   * @param reason IDEMPOTENCY_KEY_REUSED or RECEIPT_ALREADY_USED
   * @param message a human-readable explanation
   * @param originalEventId the first event with this key
   */
  record Rejected(Reason reason, String message, String originalEventId) implements Verdict {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(originalEventId, "originalEventId");
    }
  }
}
