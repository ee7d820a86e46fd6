package dev.coffer.gateway.ledger;

import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code coffer.ledger-outcomes} (read_committed, every partition, from the end as of start)
 * and completes the waiter registered for each outcome's eventId. Every gateway instance reads every
 * partition without a consumer group, so any instance can answer any request.
 *
 * <p>A waiter is registered before its event is produced, so an outcome can never arrive unseen.
 */
public final class OutcomeWaiter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeWaiter.class);

  private final String topic;
  private final KafkaConsumer<String, LedgerOutcome> consumer;
  private final ConcurrentMap<String, CompletableFuture<LedgerOutcome>> waiting = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private boolean started;
  private volatile Throwable failure;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param registry the schema registry
   * @param topic the outcomes topic
   */
  public OutcomeWaiter(final Map<String, Object> clientConfig, final SchemaRegistry registry, final String topic) {
    this.topic = topic;
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "coffer-gateway-outcomes");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new AvroDeserializer<>(registry, LedgerOutcome.class, false));
    this.thread = new Thread(this::run, "coffer-gateway-outcomes");
    thread.setDaemon(true);
  }

  /**
   * Assigns every partition, fixes the starting position at their current end, and starts following.
   *
   * @param timeout bound of the metadata lookups
   */
  public void start(final Duration timeout) {
    final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions (is it created?)");
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the lazy seek now: an outcome written after start must be read, not skipped.
    partitions.forEach(p -> consumer.position(p, timeout));
    started = true;
    thread.start();
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

  /** Whether the follower runs. */
  public boolean healthy() {
    return running && failure == null && thread.isAlive();
  }

  /** The error that stopped the follower, if one did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try {
      while (running) {
        try {
          for (final ConsumerRecord<String, LedgerOutcome> record : consumer.poll(Duration.ofMillis(200))) {
            final CompletableFuture<LedgerOutcome> future = waiting.remove(record.value().getEventId().toString());
            if (future != null) {
              future.complete(record.value());
            }
          }
        } catch (final RecordDeserializationException e) {
          // One undecodable outcome must not stop every reply: skip it, loudly.
          LOG.error("Skipping undecodable outcome at {} offset {}", e.topicPartition(), e.offset(), e);
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    } catch (final WakeupException e) {
      if (running) {
        failure = e;
        LOG.error("Outcome follower woken up unexpectedly", e);
      }
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("Outcome follower of {} died; writes will answer 202 until restart", topic, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }

  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      return;
    }
    consumer.wakeup();
    try {
      if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("Outcome follower did not stop within 10 s");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
