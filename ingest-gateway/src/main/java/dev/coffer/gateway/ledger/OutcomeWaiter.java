package dev.coffer.gateway.ledger;

import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code coffer.ledger-outcomes} (read_committed, every partition, from the end as of start)
 * and completes the waiter registered for each outcome's eventId. Every gateway instance reads every
 * partition without a consumer group, so any instance can answer any request.
 *
 * <p>A waiter is registered before its event is produced, so an outcome can never arrive unseen.
 *
 * <p>Waiters are completed on virtual threads, not on the follower's: what completes them writes the HTTP
 * answer, and one thread writing every answer in turn delayed the last of each committed batch and the next
 * fetch (a JFR profile under 64 concurrent writes found the follower thread writing responses).
 */
public final class OutcomeWaiter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeWaiter.class);

  private final ConcurrentMap<String, CompletableFuture<LedgerOutcome>> waiting = new ConcurrentHashMap<>();
  private final TopicFollower<String, LedgerOutcome> follower;
  private final ExecutorService completions = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("coffer-gateway-outcome-", 0).factory());

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param topic the outcomes topic
   */
  public OutcomeWaiter(final Map<String, Object> clientConfig, final Topic<String, LedgerOutcome> topic) {
    this.follower = TopicFollower.of(clientConfig, topic,
        new TopicFollower.Setup(topic.name(), "coffer-gateway-outcomes", "coffer-gateway-outcomes", 10, LOG,
            "Outcome follower", "outcomes", "outcome", "writes will answer 202 until restart"),
        this::apply);
  }

  /**
   * Assigns every partition, fixes the starting position at their current end, and starts following.
   *
   * @param timeout bound of the metadata lookups
   */
  public void start(final Duration timeout) {
    follower.followFromEnd(timeout);
  }

  /**
   * Registers interest in an event's outcome; call before producing the event.
   *
   * @param eventId the event
   * @return completes with the outcome when it arrives
   */
  public CompletableFuture<LedgerOutcome> expect(final String eventId) {
    final CompletableFuture<LedgerOutcome> future = new CompletableFuture<>();
    waiting.put(eventId, future);
    return future;
  }

  /** Stops waiting for an event (after a failed produce, or once the caller gave up). */
  public void forget(final String eventId) {
    waiting.remove(eventId);
  }

  /** How many requests are waiting. */
  public int waitingCount() {
    return waiting.size();
  }

  /** Binds the follower's consumer metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    follower.bindMetrics(metrics);
  }

  /** Whether the follower runs. */
  public boolean healthy() {
    return follower.healthy();
  }

  /** The error that stopped the follower, if one did. */
  public Optional<Throwable> failure() {
    return follower.failure();
  }

  private void apply(final ConsumerRecord<String, LedgerOutcome> record) {
    final CompletableFuture<LedgerOutcome> future = waiting.remove(record.value().getEventId().toString());
    if (future != null) {
      final LedgerOutcome outcome = record.value();
      completions.execute(() -> future.complete(outcome));
    }
  }

  @Override
  public void close() {
    follower.close();
    // Answers being written finish; nothing new is submitted once the follower stopped.
    completions.close();
  }
}
