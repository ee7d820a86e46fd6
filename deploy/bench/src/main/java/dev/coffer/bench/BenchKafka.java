package dev.coffer.bench;

import dev.coffer.service.topics.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;

/** The few Kafka client chores the bench and the fault harness share, every wait bounded. */
public final class BenchKafka {
  private BenchKafka() {
  }

  /** Creates {@code names} with {@code partitions} partitions, replication factor 1. */
  public static void createTopics(final Admin admin, final Collection<String> names, final int partitions) {
    final List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
    try {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + names, e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating topics " + names + " failed", e);
    }
    PartitionLeaders.await(admin, names, Duration.ofSeconds(30));
  }

  /**
   * A run's topics: {@code topics} and every topic of the Streams application {@code applicationId} (its
   * {@code <applicationId>-...} changelogs and repartition topics).
   */
  public static List<String> withApplicationTopics(final Admin admin, final Collection<String> topics,
                                                   final String applicationId) {
    final List<String> names = new ArrayList<>(topics);
    topicNames(admin).stream().filter(n -> n.startsWith(applicationId + "-")).forEach(names::add);
    return names;
  }

  /** Every topic's name on the broker (bounded: 30 s). */
  public static Set<String> topicNames(final Admin admin) {
    try {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("listing topics failed", e);
    }
  }

  /** An idempotent {@code acks=all} producer's config, as the gateway's. */
  public static Map<String, Object> producerConfig(final String bootstrapServers) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return config;
  }

  /** A read_committed consumer's config from the earliest offset, not committing. */
  public static Map<String, Object> consumerConfig(final String bootstrapServers, final String groupId) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  /** Sends every record and waits (bounded) until each is acknowledged. */
  public static <K, V> void sendAll(final KafkaProducer<K, V> producer, final List<ProducerRecord<K, V>> records,
                                    final Duration timeout) {
    final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    records.forEach(r -> sent.add(producer.send(r)));
    producer.flush();
    final long deadline = System.nanoTime() + timeout.toNanos();
    for (final Future<RecordMetadata> f : sent) {
      try {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while producing", e);
      } catch (final ExecutionException | TimeoutException e) {
        throw new IllegalStateException("producing failed", e);
      }
    }
  }

  /**
   * Reads {@code topic} from the start on a thread of its own until {@code count} records matching
   * {@code filter} have come; the future completes with {@link System#nanoTime()} at that moment, or
   * fails when {@code timeout} passes first. The deserializers decode every record, as a real reader must.
   */
  public static <K, V> CompletableFuture<Long> countAsync(final Map<String, Object> consumerConfig,
                                                          final String topic, final Deserializer<K> keys,
                                                          final Deserializer<V> values, final long count,
                                                          final Predicate<ConsumerRecord<K, V>> filter,
                                                          final Duration timeout) {
    return milestonesAsync(consumerConfig, topic, keys, values, new long[] {count}, filter, timeout)
        .thenApply(marks -> marks[0]);
  }

  /**
   * Like {@link #countAsync}, marking {@link System#nanoTime()} as each count in {@code milestones}
   * (ascending) is reached; completes at the last.
   */
  public static <K, V> CompletableFuture<long[]> milestonesAsync(final Map<String, Object> consumerConfig,
                                                                 final String topic, final Deserializer<K> keys,
                                                                 final Deserializer<V> values,
                                                                 final long[] milestones,
                                                                 final Predicate<ConsumerRecord<K, V>> filter,
                                                                 final Duration timeout) {
    return milestonesAsync(consumerConfig, List.of(topic), keys, values, milestones, filter, timeout, milestone -> {
    });
  }

  /**
   * As {@link #milestonesAsync(Map, String, Deserializer, Deserializer, long[], Predicate, Duration)}, over several
   * topics, telling {@code reached} (on the reading thread, as each is marked) the index of each milestone reached.
   */
  public static <K, V> CompletableFuture<long[]> milestonesAsync(final Map<String, Object> consumerConfig,
                                                                 final List<String> topics,
                                                                 final Deserializer<K> keys,
                                                                 final Deserializer<V> values,
                                                                 final long[] milestones,
                                                                 final Predicate<ConsumerRecord<K, V>> filter,
                                                                 final Duration timeout,
                                                                 final IntConsumer reached) {
    final String topic = String.join(", ", topics);
    final CompletableFuture<long[]> done = new CompletableFuture<>();
    final long count = milestones[milestones.length - 1];
    final Thread reader = new Thread(() -> {
      try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig, keys, values)) {
        consumer.subscribe(topics);
        final long deadline = System.nanoTime() + timeout.toNanos();
        final long[] marks = new long[milestones.length];
        int next = 0;
        long seen = 0;
        while (seen < count) {
          if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("read " + seen + " of " + count + " records of " + topic
                + " within " + timeout.toSeconds() + " s");
          }
          for (final ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(100))) {
            if (filter.test(r)) {
              seen++;
              while (next < milestones.length && seen >= milestones[next]) {
                marks[next] = System.nanoTime();
                reached.accept(next++);
              }
            }
          }
        }
        done.complete(marks);
      } catch (final RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, "bench-reader-" + topic);
    reader.setDaemon(true);
    reader.start();
    return done;
  }

  /**
   * Sleeps until {@link System#nanoTime()} reaches {@code deadline}: pacing a load generator, not waiting
   * for Kafka (never used to wait for a result).
   */
  public static void sleepUntil(final long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000));
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing the load", e);
      }
    }
  }

  /** Waits for a future the bench started, bounded. */
  public static <T> T await(final CompletableFuture<T> future, final Duration timeout, final String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } catch (final ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
    } catch (final TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s", e);
    }
  }
}
