package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.SequencedEvent;
import java.util.Objects;

/**
 * Between a {@link VerdictedEvent} and its record on {@code coffer.ledger-sequence}, the durable
 * order of the fold's input: the gateway (player-scoped events, UNJUDGED) and the receipt stage
 * (receipts with their verdict, and player-scoped events produced straight to
 * {@code coffer.ledger-events}) write it; the fold, live or replaying, reads it.
 */
public final class SequencedEvents {
  private SequencedEvents() {
  }

  /**
   * The record of a judged event.
   *
   * @param judged the event and dedupe's verdict
   * @return its {@code coffer.ledger-sequence} value
   */
  public static SequencedEvent toRecord(final VerdictedEvent judged) {
    final SequencedEvent.Builder out = SequencedEvent.newBuilder().setEvent(judged.event());
    switch (judged.verdict()) {
      case Verdict.New n -> out.setVerdict(DedupeVerdict.NEW);
      case Verdict.Unjudged u -> out.setVerdict(DedupeVerdict.UNJUDGED);
      case Verdict.Duplicate d -> out.setVerdict(DedupeVerdict.DUPLICATE).setOriginalEventId(d.originalEventId());
      case Verdict.Redelivered r -> throw new IllegalArgumentException("event " + r.eventId()
          + " is a redelivery: it is never sequenced");
      case Verdict.Rejected r -> out.setVerdict(DedupeVerdict.REJECTED).setOriginalEventId(r.originalEventId())
          .setRejectionReason(r.reason().name()).setRejectionMessage(r.message());
    }
    return out.build();
  }

  /**
   * The judged event of a record.
   *
   * @param record a {@code coffer.ledger-sequence} value
   * @return the event and its verdict
   * @throws IllegalStateException for a verdict or reason this code does not know (written by a
   *     newer release): the fold must not guess, so the stream thread stops on it
   */
  public static VerdictedEvent fromRecord(final SequencedEvent record) {
    Objects.requireNonNull(record, "record");
    final Verdict verdict = switch (record.getVerdict()) {
      case NEW -> new Verdict.New();
      case UNJUDGED -> new Verdict.Unjudged();
      case DUPLICATE -> new Verdict.Duplicate(required(record.getOriginalEventId(), "originalEventId", record));
      case REJECTED -> new Verdict.Rejected(reason(record),
          required(record.getRejectionMessage(), "rejectionMessage", record),
          required(record.getOriginalEventId(), "originalEventId", record));
      case UNKNOWN -> throw new IllegalStateException("sequenced event " + record.getEvent().getEventId()
          + " has a verdict this release does not know");
    };
    return new VerdictedEvent(verdict, record.getEvent());
  }

  private static Reason reason(final SequencedEvent record) {
    final String code = required(record.getRejectionReason(), "rejectionReason", record);
    try {
      return Reason.valueOf(code);
    } catch (final IllegalArgumentException e) {
      throw new IllegalStateException("sequenced event " + record.getEvent().getEventId()
          + " has a rejection reason this release does not know: " + code, e);
    }
  }

  private static String required(final String value, final String field, final SequencedEvent record) {
    if (value == null) {
      throw new IllegalStateException("sequenced event " + record.getEvent().getEventId() + " (" + record.getVerdict()
          + ") has no " + field);
    }
    return value;
  }
}
