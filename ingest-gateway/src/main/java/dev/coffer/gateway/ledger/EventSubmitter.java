package dev.coffer.gateway.ledger;

import dev.coffer.apps.App;
import dev.coffer.gateway.privacy.EventSeal;
import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.topics.Topic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Submits ledger events and waits (bounded) for each one's outcome.
 *
 * <p>Where an event goes depends on its dedupe key. A player-scoped event (a caller's or a system
 * key) goes straight to the player-keyed {@code coffer.ledger-sequence}, UNJUDGED: the fold dedupes
 * it in the player's partition in the same transaction as the state change, so it costs one
 * exactly-once stage. A store purchase goes to {@code coffer.ledger-events}, keyed by its receipt:
 * receipts are unique across players, so the receipt stage judges it before the fold.
 *
 * <p>Completes exceptionally with {@link KafkaUnavailableException} when the send failed or timed
 * out; a timed-out send may still have reached the log, so the outcome is then unknown and the
 * caller retries with the same idempotency key.
 */
public final class EventSubmitter {
  private final RecordSender sender;
  private final OutcomeWaiter outcomes;
  private final Topic<String, LedgerEvent> eventsTopic;
  private final Topic<String, SequencedEvent> sequenceTopic;
  private final Duration wait;

  /**
   * @param sender the producer
   * @param outcomes the outcome follower
   * @param eventsTopic {@code coffer.ledger-events}
   * @param sequenceTopic {@code coffer.ledger-sequence}
   * @param wait how long to wait for an outcome once the broker has the event
   */
  public EventSubmitter(final RecordSender sender, final OutcomeWaiter outcomes,
                        final Topic<String, LedgerEvent> eventsTopic, final Topic<String, SequencedEvent> sequenceTopic,
                        final Duration wait) {
    this.sender = sender;
    this.outcomes = outcomes;
    this.eventsTopic = eventsTopic;
    this.sequenceTopic = sequenceTopic;
    this.wait = wait;
  }

  /**
   * Seals {@code raw} ({@link EventSeal}: pseudonyms in clear, personal details encrypted under the
   * player's data key), produces it and waits for its outcome.
   *
   * @param app the event's app
   * @param identity the player's ACTIVE identity from the directory, or null when the gateway knows the
   *     player only by ref (store notifications): then nothing personal is kept
   * @param raw the event as built, with clear values
   * @return the outcome, or pending past the bound
   */
  public CompletableFuture<Submission> submit(final App app, final PlayerIdentity identity, final LedgerEvent raw) {
    final LedgerEvent event;
    try {
      event = EventSeal.seal(app, identity, raw);
    } catch (final RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    final String eventId = event.getEventId().toString();
    final CompletableFuture<Submission> decided = outcomes.expect(eventId)
        .thenApply(outcome -> new Submission.Decided(eventId, outcome));
    return send(event)
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

  private CompletableFuture<RecordMetadata> send(final LedgerEvent event) {
    final boolean playerScoped = DedupeKey.parse(event.getDedupeKey())
        .orElseThrow(() -> new IllegalArgumentException("not a dedupe key: " + event.getDedupeKey()))
        .playerScoped();
    if (playerScoped) {
      return sender.send(sequenceTopic, PlayerKey.of(event.getAppId(), event.getPlayerRef()),
          SequencedEvent.newBuilder().setVerdict(DedupeVerdict.UNJUDGED).setEvent(event).build());
    }
    return sender.send(eventsTopic, event.getDedupeKey(), event);
  }
}
