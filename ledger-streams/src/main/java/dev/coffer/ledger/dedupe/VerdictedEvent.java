package dev.coffer.ledger.dedupe;

import dev.coffer.schemas.ledger.LedgerEvent;
import java.util.Objects;

/**
 * An event with dedupe's verdict, as the fold applies it. On the wire it is a
 * {@code SequencedEvent} on {@code coffer.ledger-sequence} (see {@link SequencedEvents}).
 *
 * @param verdict what dedupe decided
 * @param event the decoded event
 */
public record VerdictedEvent(Verdict verdict, LedgerEvent event) {
  public VerdictedEvent {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(event, "event");
  }
}
