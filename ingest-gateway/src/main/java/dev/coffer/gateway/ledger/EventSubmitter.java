package dev.coffer.gateway.ledger;

import dev.coffer.schemas.ledger.LedgerEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Submits ledger events, keyed by dedupe key, and waits (bounded) for each one's outcome. Completes
 * exceptionally with {@link KafkaUnavailableException} when the broker did not take the event; then
 * nothing was recorded.
 */
public final class EventSubmitter {
  private final RecordSender sender;
  private final OutcomeWaiter outcomes;
  private final String eventsTopic;
  private final Duration wait;

  /**
   * @param sender the producer
   * @param outcomes the outcome follower
   * @param eventsTopic {@code coffer.ledger-events}
   * @param wait how long to wait for an outcome once the broker has the event
   */
  public EventSubmitter(final RecordSender sender, final OutcomeWaiter outcomes, final String eventsTopic,
                        final Duration wait) {
    this.sender = sender;
    this.outcomes = outcomes;
    this.eventsTopic = eventsTopic;
    this.wait = wait;
  }

  /**
   * Produces {@code event} and waits for its outcome.
   *
   * @param event the event
   * @return the outcome, or pending past the bound
   */
  public CompletableFuture<Submission> submit(final LedgerEvent event) {
    final String eventId = event.getEventId().toString();
    final CompletableFuture<Submission> decided = outcomes.expect(eventId)
        .thenApply(outcome -> new Submission.Decided(eventId, outcome));
    return sender.send(eventsTopic, event.getDedupeKey(), event)
        .whenComplete((metadata, error) -> {
          if (error != null) {
            outcomes.forget(eventId);
          }
        })
        .thenCompose(metadata -> decided
            .completeOnTimeout(new Submission.Pending(eventId), wait.toMillis(), TimeUnit.MILLISECONDS))
        .whenComplete((submission, error) -> {
          if (submission instanceof Submission.Pending) {
            outcomes.forget(eventId);
          }
        });
  }
}
