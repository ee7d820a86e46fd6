package dev.coffer.gateway.ledger;

import dev.coffer.apps.App;
import dev.coffer.gateway.privacy.EventSeal;
import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.topics.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 *
 * <p>Where a write's time goes, by path ({@code path}: {@code player} or {@code receipt}), as two timers with
 * percentile histograms: {@value #APPEND} from the submission to the broker's acknowledgement of the event, and
 * {@value #DECIDE} from that acknowledgement to the outcome reaching the request (the ledger's fetch, work and
 * exactly-once commit, and the gateway's read_committed fetch of the outcome). An answer past the bound (202)
 * records no decide time.
 */
public final class EventSubmitter {
  /** The timer from submission to the broker's acknowledgement. */
  public static final String APPEND = "coffer.gateway.write.append";
  /** The timer from the broker's acknowledgement to the outcome's arrival. */
  public static final String DECIDE = "coffer.gateway.write.decide";
  private final RecordSender sender;
  private final OutcomeWaiter outcomes;
  private final Topic<String, LedgerEvent> eventsTopic;
  private final Topic<String, SequencedEvent> sequenceTopic;
  private final Duration wait;
  private final Stages player;
  private final Stages receipt;

  /**
   * @param sender the producer
   * @param outcomes the outcome follower
   * @param eventsTopic {@code coffer.ledger-events}
   * @param sequenceTopic {@code coffer.ledger-sequence}
   * @param wait how long to wait for an outcome once the broker has the event
   * @param meters where the stage timers ({@value #APPEND}, {@value #DECIDE}) register
   */
  public EventSubmitter(final RecordSender sender, final OutcomeWaiter outcomes,
                        final Topic<String, LedgerEvent> eventsTopic, final Topic<String, SequencedEvent> sequenceTopic,
                        final Duration wait, final MeterRegistry meters) {
    this.sender = sender;
    this.outcomes = outcomes;
    this.eventsTopic = eventsTopic;
    this.sequenceTopic = sequenceTopic;
    this.wait = wait;
    this.player = new Stages(meters, "player");
    this.receipt = new Stages(meters, "receipt");
  }

  /** An outcome and when it reached this gateway ({@link System#nanoTime()}). */
  private record Arrival(LedgerOutcome outcome, long at) {
  }

  /** One path's two stage timers. */
  private record Stages(Timer append, Timer decide) {
    Stages(final MeterRegistry meters, final String path) {
      this(Timer.builder(APPEND).description("A write's event from submission to the broker's acknowledgement")
          .tag("path", path).publishPercentileHistogram().register(meters),
          Timer.builder(DECIDE).description("A write from the broker's acknowledgement of its event to its outcome")
              .tag("path", path).publishPercentileHistogram().register(meters));
    }
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
    final boolean playerScoped = DedupeKey.parse(event.getDedupeKey())
        .orElseThrow(() -> new IllegalArgumentException("not a dedupe key: " + event.getDedupeKey()))
        .playerScoped();
    final Stages stages = playerScoped ? player : receipt;
    final long submitted = System.nanoTime();
    final CompletableFuture<Arrival> arrival = outcomes.expect(eventId)
        .thenApply(outcome -> new Arrival(outcome, System.nanoTime()));
    return send(event, playerScoped)
        .whenComplete((metadata, error) -> {
          if (error != null) {
            outcomes.forget(eventId);
          }
        })
        .thenCompose(metadata -> {
          final long acknowledged = System.nanoTime();
          stages.append().record(acknowledged - submitted, TimeUnit.NANOSECONDS);
          return arrival.<Submission>thenApply(arrived -> {
            // An outcome can reach the follower before the acknowledgement reaches the producer's callback.
            stages.decide().record(Math.max(0, arrived.at() - acknowledged), TimeUnit.NANOSECONDS);
            return new Submission.Decided(eventId, arrived.outcome());
          }).completeOnTimeout(new Submission.Pending(eventId), wait.toMillis(), TimeUnit.MILLISECONDS);
        })
        .whenComplete((submission, error) -> {
          if (submission instanceof Submission.Pending) {
            outcomes.forget(eventId);
          }
        });
  }

  private CompletableFuture<RecordMetadata> send(final LedgerEvent event, final boolean playerScoped) {
    if (playerScoped) {
      return sender.send(sequenceTopic, PlayerKey.of(event.getAppId(), event.getPlayerRef()),
          SequencedEvent.newBuilder().setVerdict(DedupeVerdict.UNJUDGED).setEvent(event).build());
    }
    return sender.send(eventsTopic, event.getDedupeKey(), event);
  }
}
