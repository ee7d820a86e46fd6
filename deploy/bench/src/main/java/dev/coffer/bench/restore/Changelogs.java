package dev.coffer.bench.restore;

import dev.coffer.ledger.LedgerStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ledger's changelog topics ({@code <application.id>-<store>-changelog}, one per store): their size on
 * the broker's disk, and a raw read of them, the yardstick of a restore.
 */
final class Changelogs {
  private static final Duration ADMIN = Duration.ofSeconds(30);

  private Changelogs() {
  }

  /** Store name to its changelog topic, in {@link LedgerStores#ALL}'s order. */
  static Map<String, String> of(final String applicationId) {
    final Map<String, String> topics = new LinkedHashMap<>();
    LedgerStores.ALL.forEach(store -> topics.put(store, applicationId + "-" + store + "-changelog"));
    return topics;
  }

  /**
   * What a plain consumer read.
   *
   * @param records per topic
   * @param payloadBytes per topic: serialized key and value bytes
   * @param nanos from the first poll until every partition reached its end offset
   */
  record RawRead(Map<String, Long> records, Map<String, Long> payloadBytes, long nanos) {
    long totalRecords() {
      return records.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Reads every partition of {@code topics} from the beginning to the end offsets (taken before the first
   * poll) with a plain read_committed consumer of byte arrays (the isolation a restore under exactly-once
   * uses), timing it.
   */
  static RawRead rawRead(final String bootstrapServers, final Collection<String> topics, final Duration timeout) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final Map<String, Long> records = new LinkedHashMap<>();
    final Map<String, Long> bytes = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String topic : topics) {
        consumer.partitionsFor(topic, ADMIN).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        records.put(topic, 0L);
        bytes.put(topic, 0L);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ADMIN);
      final List<TopicPartition> open = new ArrayList<>(partitions);
      final long started = System.nanoTime();
      final long deadline = started + timeout.toNanos();
      while (!open.isEmpty()) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the raw read of " + topics + " did not finish within " + timeout);
        }
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          records.merge(r.topic(), 1L, Long::sum);
          bytes.merge(r.topic(), (long) Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize()),
              Long::sum);
        }
        open.removeIf(p -> consumer.position(p, ADMIN) >= end.get(p));
      }
      return new RawRead(records, bytes, System.nanoTime() - started);
    }
  }

  /** Bytes on the broker's disk (log segments, indexes not counted) per topic, summed over partitions. */
  static Map<String, Long> sizes(final Admin admin, final Collection<String> topics) {
    final Map<String, Long> sizes = new LinkedHashMap<>();
    topics.forEach(t -> sizes.put(t, 0L));
    try {
      final List<Integer> brokers = admin.describeCluster().nodes().get(ADMIN.toMillis(), TimeUnit.MILLISECONDS)
          .stream().map(Node::id).toList();
      final Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers).allDescriptions()
          .get(ADMIN.toMillis(), TimeUnit.MILLISECONDS);
      for (final Map<String, LogDirDescription> byDir : dirs.values()) {
        for (final LogDirDescription dir : byDir.values()) {
          for (final Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
            sizes.computeIfPresent(replica.getKey().topic(), (t, sum) -> sum + replica.getValue().size());
          }
        }
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing log dirs", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("describing the log dirs of " + topics + " failed", e);
    }
    return sizes;
  }
}
