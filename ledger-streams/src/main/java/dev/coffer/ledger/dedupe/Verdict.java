package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.rejection.Reason;
import java.util.Objects;

/** What was decided about an event before its player's fold sees it. */
public sealed interface Verdict {
  /** A receipt seen for the first time: the fold decides it. */
  record New() implements Verdict {
  }

  /**
   * A player-scoped event (caller or system key), not judged yet: the fold dedupes it in the player's
   * partition, in the same transaction as the state change.
   */
  record Unjudged() implements Verdict {
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
   * The very event already judged under this key (the same eventId, player and content) read again: a
   * producer wrote one record twice. Kafka's idempotent producer (the gateway's) may do that after a
   * delivery timeout, when it bumps its epoch and sends again what it could not resolve. The original
   * outcome was the answer, so a redelivery is neither decided nor answered again; it is never written
   * to {@code coffer.ledger-sequence}.
   *
   * @param eventId the event's id, which is its key's original
   */
  record Redelivered(String eventId) implements Verdict {
    public Redelivered {
      Objects.requireNonNull(eventId, "eventId");
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
