package dev.coffer.projections.changes;

import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.outcomes.OutcomeRecords;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of applied changes behind server-sent events: a consumer of its own on the outcome
 * topic, outside any group, assigned every partition from the end, that hands each applied outcome
 * to the subscribers of its player. Every instance runs one, so a stream is served by whichever
 * instance the client reached and survives rebalances of the read models untouched.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  private final KafkaConsumer<String, LedgerOutcome> consumer;
  private final String topic;
  private final Map<String, Set<Consumer<EventOutcome>>> subscribers = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} and security)
   * @param topic the outcome topic
   * @param values the outcome deserializer
   */
  public ChangeFeed(final Map<String, Object> clientConfig, final String topic,
                    final Deserializer<LedgerOutcome> values) {
    this.topic = Objects.requireNonNull(topic, "topic");
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
    this.thread = Thread.ofPlatform().name("coffer-change-feed").daemon().unstarted(this::run);
  }

  /**
   * Assigns every partition at its end and starts the feed; returns once the positions are fixed,
   * so that a change committed after this returns is delivered.
   */
  public ChangeFeed start(final Duration timeout) {
    final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: resolve every position now, not at the first poll.
    partitions.forEach(p -> consumer.position(p, timeout));
    thread.start();
    return this;
  }

  /**
   * Subscribes to the applied changes of one player.
   *
   * @param playerKey the player key
   * @param subscriber called on the feed's thread for each applied outcome; must be quick
   * @return closing it unsubscribes
   */
  public AutoCloseable subscribe(final String playerKey, final Consumer<EventOutcome> subscriber) {
    subscribers.computeIfAbsent(playerKey, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
    return () -> subscribers.computeIfPresent(playerKey, (k, set) -> {
      set.remove(subscriber);
      return set.isEmpty() ? null : set;
    });
  }

  /** How many subscriptions are open. */
  public int subscriptions() {
    return subscribers.values().stream().mapToInt(Set::size).sum();
  }

  private void run() {
    try {
      while (running) {
        for (final ConsumerRecord<String, LedgerOutcome> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() == null) {
            continue;
          }
          final EventOutcome outcome = OutcomeRecords.outcome(record.value());
          if (!outcome.applied()) {
            continue;
          }
          final Set<Consumer<EventOutcome>> targets = subscribers.get(outcome.playerKey());
          if (targets != null) {
            targets.forEach(s -> deliver(s, outcome));
          }
        }
      }
    } catch (final WakeupException e) {
      // close() wakes the poll to stop the feed; anything else waking it is a bug.
      if (running) {
        LOG.error("The change feed of {} was woken up while running", topic, e);
      }
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("The change feed of {} stopped; server-sent events get no more changes", topic, e);
    } finally {
      consumer.close();
      stopped.countDown();
    }
  }

  private static void deliver(final Consumer<EventOutcome> subscriber, final EventOutcome outcome) {
    try {
      subscriber.accept(outcome);
    } catch (final RuntimeException e) {
      // One broken stream must not stop the feed for every other.
      LOG.warn("A change subscriber of {} failed: {}", outcome.playerKey(), e.toString());
    }
  }

  /** Why the feed stopped on its own, if it did: {@code /health} reports it. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    running = false;
    if (thread.isAlive()) {
      consumer.wakeup();
      try {
        if (!stopped.await(10, TimeUnit.SECONDS)) {
          LOG.warn("The change feed did not stop within 10 s");
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close();
    }
  }
}
