package dev.coffer.service.follow;

import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;

/**
 * Follows one topic on a thread of its own (read_committed, no auto-commit) and hands each record to
 * a {@link Handler}: every partition without a group from the beginning ({@link #loadThenFollow}) or
 * from the end ({@link #followFromEnd}), or as a member of a consumer group ({@link #joinGroup}, the
 * handler committing what it has finished). Tracks the last offset handled per partition so callers
 * can wait for a record, skips undecodable records loudly, remembers what stopped it for health, and
 * stops on {@link #close()}.
 *
 * @param <K> the record key
 * @param <V> the record value
 */
public final class TopicFollower<K, V> implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final long STOP_SECONDS = 15;

  /**
   * What a follower does with what it reads, on its thread. An exception stops the follower.
   *
   * @param <K> the record key
   * @param <V> the record value
   */
  public interface Handler<K, V> {
    /** Handles one record. */
    void handle(ConsumerRecord<K, V> record) throws Exception;

    /** Called after each poll's records were handled (and on an empty poll): commit, housekeeping. */
    default void afterPoll(final Consumer<K, V> consumer) throws Exception {
    }
  }

  /**
   * Where a follower reads and how it names itself.
   *
   * @param topic the topic followed
   * @param clientId the Kafka client id, unless the client settings give one
   * @param threadName the follower thread's name
   * @param fetchMaxWaitMs {@code fetch.max.wait.ms}: how long a record may wait to be fetched
   * @param log the owner's logger
   * @param name what logs call the follower ({@code "Catalog follower"})
   * @param loads what a failed load at start calls it ({@code "catalog"}); unused when starting at the end
   * @param recordName what a skipped record is ({@code "catalog record"})
   * @param whenDead what stops working when the follower dies, for the log; empty if nothing to add
   */
  public record Setup(String topic, String clientId, String threadName, int fetchMaxWaitMs, Logger log, String name,
                      String loads, String recordName, String whenDead) {
    /** Checks that nothing is missing. */
    public Setup {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(threadName, "threadName");
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(loads, "loads");
      Objects.requireNonNull(recordName, "recordName");
      Objects.requireNonNull(whenDead, "whenDead");
    }
  }

  private final Setup setup;
  private final Handler<K, V> handler;
  private final KafkaConsumer<K, V> consumer;
  private final Map<Integer, Long> applied = new HashMap<>();
  private final Object progress = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile Throwable failure;

  /**
   * @param clientConfig bootstrap servers and extra client settings ({@code group.id} for {@link #joinGroup})
   * @param keys the key deserializer
   * @param values the value deserializer
   * @param setup the topic and the names
   * @param handler what to do with each record
   */
  public TopicFollower(final Map<String, Object> clientConfig, final Deserializer<K> keys, final Deserializer<V> values,
                       final Setup setup, final Handler<K, V> handler) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.handler = Objects.requireNonNull(handler, "handler");
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, setup.fetchMaxWaitMs());
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, setup.clientId());
    this.consumer = new KafkaConsumer<>(config, keys, values);
    this.thread = Thread.ofPlatform().name(setup.threadName()).daemon().unstarted(this::run);
  }

  /** A follower of a typed topic (Coffer's: {@code TypedTopics}) with its serdes; {@code setup} names that topic. */
  public static <K, V> TopicFollower<K, V> of(final Map<String, Object> clientConfig, final Topic<K, V> topic,
                                              final Setup setup, final Handler<K, V> handler) {
    if (!setup.topic().equals(topic.name())) {
      throw new IllegalArgumentException("setup names topic " + setup.topic() + ", not " + topic.name());
    }
    return new TopicFollower<>(clientConfig, topic.keySerde().deserializer(), topic.valueSerde().deserializer(),
        setup, handler);
  }

  /**
   * Reads the topic from its beginning, returns once its end as of now has been handled, then keeps
   * following it.
   *
   * @param timeout bound of the metadata lookups and of loading
   * @throws IllegalStateException if the topic has no partitions, or loading did not finish in time
   */
  public void loadThenFollow(final Duration timeout) {
    final List<TopicPartition> partitions = assign(timeout);
    consumer.seekToBeginning(partitions);
    final Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions, timeout);
    final long deadline = System.nanoTime() + timeout.toNanos();
    startThread();
    for (final Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
      final Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!awaitApplied(end.getKey().partition(), end.getValue() - 1, left)) {
        if (Thread.currentThread().isInterrupted()) {
          throw new IllegalStateException("interrupted loading the " + setup.loads());
        }
        throw new IllegalStateException("the " + setup.loads() + " did not load within " + timeout);
      }
    }
  }

  /**
   * Follows only what is written from now on: fixes the starting position at each partition's current
   * end, then starts; a record committed after this returns is handled.
   *
   * @param timeout bound of the metadata lookups
   * @throws IllegalStateException if the topic has no partitions
   */
  public void followFromEnd(final Duration timeout) {
    final List<TopicPartition> partitions = assign(timeout);
    consumer.seekToEnd(partitions);
    // Resolve the lazy seek now: a record written after start must be read, not skipped.
    partitions.forEach(p -> consumer.position(p, timeout));
    startThread();
  }

  /**
   * Joins the consumer group of the client settings' {@code group.id} and starts; the handler commits.
   *
   * @param listener given the consumer (to commit with), told of partitions assigned and revoked, on
   *     the follower thread
   */
  public void joinGroup(final Function<Consumer<K, V>, ConsumerRebalanceListener> listener) {
    consumer.subscribe(List.of(setup.topic()), listener.apply(consumer));
    startThread();
  }

  private List<TopicPartition> assign(final Duration timeout) {
    final String topic = setup.topic();
    final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions (is it created?)");
    }
    consumer.assign(partitions);
    return partitions;
  }

  private void startThread() {
    started = true;
    thread.start();
  }

  /** Binds the consumer's Kafka metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    metrics.bind(consumer);
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been handled.
   *
   * @return whether it was within {@code timeout} (false at once if the follower died; false with the
   *     interrupt flag set if interrupted)
   */
  public boolean awaitApplied(final int partition, final long offset, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied.getOrDefault(partition, -1L) < offset) {
        final long left = deadline - System.nanoTime();
        if (left <= 0 || failure != null) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Whether the follower runs: started, not closed, not failed. */
  public boolean healthy() {
    return started && running && failure == null && thread.isAlive();
  }

  /** The error that stopped the follower, if one did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    final Logger log = setup.log();
    try {
      while (running) {
        try {
          for (final ConsumerRecord<K, V> r : consumer.poll(POLL)) {
            handler.handle(r);
          }
        } catch (final RecordDeserializationException e) {
          // One undecodable record must not stop the follower: skip it, loudly.
          log.error("Skipping undecodable {} at {} offset {}", setup.recordName(), e.topicPartition(), e.offset(), e);
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        handler.afterPoll(consumer);
        markProgress(consumer.assignment());
      }
    } catch (final WakeupException | InterruptedException e) {
      if (running) {
        failure = e;
        log.error("{} woken up unexpectedly", setup.name(), e);
      }
    } catch (final Exception e) {
      failure = e;
      log.error("{} of {} died{}", setup.name(), setup.topic(),
          setup.whenDead().isEmpty() ? "" : "; " + setup.whenDead(), e);
    } finally {
      // Waiters must learn of the failure now, not at their deadline.
      synchronized (progress) {
        progress.notifyAll();
      }
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      stopped.countDown();
    }
  }

  private void markProgress(final Collection<TopicPartition> partitions) {
    synchronized (progress) {
      for (final TopicPartition p : partitions) {
        // position - 1 is the last offset handled (compaction and transaction markers leave gaps).
        applied.put(p.partition(), consumer.position(p) - 1);
      }
      progress.notifyAll();
    }
  }

  /** Stops the follower and closes its consumer (waits up to 15 s for the thread). */
  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(STOP_SECONDS, TimeUnit.SECONDS)) {
        setup.log().warn("{} did not stop within {} s", setup.name(), STOP_SECONDS);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
