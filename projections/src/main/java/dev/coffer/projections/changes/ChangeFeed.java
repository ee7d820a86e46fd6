package dev.coffer.projections.changes;

import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.outcomes.OutcomeRecords;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.topics.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of applied changes behind server-sent events: a follower of its own on the outcome
 * topic, outside any group, from the end, that hands each applied outcome to the streams of its
 * player. Every instance runs one, so a stream is served by whichever instance the client reached and
 * survives rebalances of the read models untouched.
 *
 * <p>The feed never waits for a stream: each has a bounded buffer and a writer of its own
 * ({@link ChangeStream}); a stream whose buffer is full is dropped with a reason. Each app may hold at
 * most {@link Limits#maxStreamsPerApp()} streams on the instance.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  /**
   * The bounds of streams.
   *
   * @param maxStreamsPerApp open streams one app may have on this instance
   * @param buffer changes buffered per stream before it is dropped as too slow
   * @param dropGrace how long a dropped stream may take to say why before its connection is cut
   * @param heartbeat how long a stream stays quiet before a comment is sent (which also finds clients
   *     that went away, and frees their place)
   */
  public record Limits(int maxStreamsPerApp, int buffer, Duration dropGrace, Duration heartbeat) {
  }

  private final Limits limits;
  private final MeterRegistry meters;
  private final Map<String, Set<ChangeStream>> byPlayer = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perApp = new ConcurrentHashMap<>();
  private final ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("coffer-sse-cutter").daemon().factory());
  private final TopicFollower<String, LedgerOutcome> follower;

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} and security)
   * @param topic the outcome topic
   * @param limits the bounds of streams
   * @param meters where drops are counted
   */
  public ChangeFeed(final Map<String, Object> clientConfig, final Topic<String, LedgerOutcome> topic,
                    final Limits limits, final MeterRegistry meters) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.meters = Objects.requireNonNull(meters, "meters");
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.follower = TopicFollower.of(config, topic,
        new TopicFollower.Setup(topic.name(), "coffer-change-feed", "coffer-change-feed", 100, LOG, "The change feed",
            "changes", "outcome", "server-sent events get no more changes"),
        this::deliver);
  }

  /**
   * Starts from the end of every partition; returns once the positions are fixed, so that a change
   * committed after this returns is delivered.
   */
  public ChangeFeed start(final Duration timeout) {
    follower.followFromEnd(timeout);
    return this;
  }

  /** Binds the feed consumer's Kafka metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    follower.bindMetrics(metrics);
  }

  /** Whether {@code appId} holds as many streams as it may. */
  public boolean full(final String appId) {
    return count(appId).get() >= limits.maxStreamsPerApp();
  }

  /**
   * Opens a stream of one player's applied changes.
   *
   * @param appId the app, whose stream count is bounded
   * @param playerKey the player key
   * @param sink where the changes go, written by the stream's own thread
   * @return the stream (closing it ends it), or empty if the app holds as many streams as it may
   */
  public Optional<ChangeStream> subscribe(final String appId, final String playerKey, final ChangeStream.Sink sink) {
    final AtomicInteger count = count(appId);
    if (count.incrementAndGet() > limits.maxStreamsPerApp()) {
      count.decrementAndGet();
      return Optional.empty();
    }
    final ChangeStream stream = new ChangeStream(playerKey, sink, limits.buffer(), limits.heartbeat(),
        s -> forget(appId, s));
    byPlayer.computeIfAbsent(playerKey, k -> ConcurrentHashMap.newKeySet()).add(stream);
    return Optional.of(stream.start());
  }

  private AtomicInteger count(final String appId) {
    return perApp.computeIfAbsent(appId, a -> new AtomicInteger());
  }

  /** Called once per stream, when it ends. */
  private void forget(final String appId, final ChangeStream stream) {
    byPlayer.computeIfPresent(stream.playerKey(), (k, set) -> {
      set.remove(stream);
      return set.isEmpty() ? null : set;
    });
    count(appId).decrementAndGet();
  }

  /** How many streams are open. */
  public int subscriptions() {
    return byPlayer.values().stream().mapToInt(Set::size).sum();
  }

  private void deliver(final ConsumerRecord<String, LedgerOutcome> record) {
    if (record.value() == null) {
      return;
    }
    final EventOutcome outcome = OutcomeRecords.outcome(record.value());
    final Set<ChangeStream> targets = outcome.applied() ? byPlayer.get(outcome.playerKey()) : null;
    if (targets == null) {
      return;
    }
    for (final ChangeStream stream : targets) {
      if (!stream.offer(outcome)) {
        // Never wait for a reader: a stream this far behind is dropped, with the reason, and cut if it
        // cannot even take that.
        meters.counter("coffer.projections.sse.dropped", "reason", ChangeStream.SLOW_CONSUMER).increment();
        LOG.info("Dropping a slow change stream of {}: {} changes unread", outcome.playerKey(), limits.buffer());
        stream.drop(ChangeStream.SLOW_CONSUMER, "the stream fell " + limits.buffer()
            + " changes behind; reconnect and read from the ledger to catch up");
        cutter.schedule(stream::cut, limits.dropGrace().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Why the feed stopped on its own, if it did: health reports it. */
  public Optional<Throwable> failure() {
    return follower.failure();
  }

  @Override
  public void close() {
    follower.close();
    byPlayer.values().forEach(streams -> java.util.List.copyOf(streams).forEach(ChangeStream::close));
    cutter.shutdownNow();
  }
}
