package dev.coffer.gateway.ledger;

import dev.coffer.schemas.outcome.LedgerOutcome;

/** What became of a submitted event within the wait bound. */
public sealed interface Submission {
  /** The submitted event's id. */
  String eventId();

  /**
   * The ledger decided.
   *
   * @param eventId the submitted event
   * @param outcome its outcome
   */
  record Decided(String eventId, LedgerOutcome outcome) implements Submission {
  }

  /**
   * The broker has the event but its outcome did not come within the bound: the caller polls.
   *
   * @param eventId the submitted event
   */
  record Pending(String eventId) implements Submission {
  }
}
