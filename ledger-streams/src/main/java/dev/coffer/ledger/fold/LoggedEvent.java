package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.PurchaseRecord;
import java.util.Objects;

/**
 * What the fold keeps of one event it decided, in the {@code player-events} store under the event's
 * dedupe key: enough to answer a later submission with the same key (the same content: a DUPLICATE
 * with this outcome; other content: IDEMPOTENCY_KEY_REUSED), at any distance in time, and for a
 * purchase the record a refund needs.
 *
 * @param fingerprint the event's content fingerprint, or {@code null} for a receipt (judged before the fold)
 * @param outcome what the fold decided
 * @param purchase for a purchase: its record (kept up to date by later consumes and revocations),
 *     otherwise {@code null}
 */
public record LoggedEvent(String fingerprint, RecordedOutcome outcome, PurchaseRecord purchase) {
  public LoggedEvent {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** This entry with another purchase record. */
  public LoggedEvent withPurchase(final PurchaseRecord record) {
    return new LoggedEvent(fingerprint, outcome, record);
  }
}
