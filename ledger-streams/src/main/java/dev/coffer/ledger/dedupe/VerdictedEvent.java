package dev.coffer.ledger.dedupe;

import dev.coffer.schemas.ledger.LedgerEvent;
import java.util.Objects;

/**
 * An event with dedupe's verdict, on its way to the fold through the repartition topic. Carries
 * the event's bytes exactly as they arrived on {@code coffer.ledger-events} (registry-framed), so
 * the fold decodes what dedupe decoded, with the registry's schema resolution.
 *
 * @param verdict what dedupe decided
 * @param eventBytes the input record's value, as it arrived
 * @param event the decoded event
 */
public record VerdictedEvent(Verdict verdict, byte[] eventBytes, LedgerEvent event) {
  public VerdictedEvent {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(eventBytes, "eventBytes");
    Objects.requireNonNull(event, "event");
  }
}
