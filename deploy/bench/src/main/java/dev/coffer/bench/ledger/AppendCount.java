package dev.coffer.bench.ledger;

import dev.coffer.bench.BenchKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records a run appended to the broker: every record of the run's topics and of its
 * application's changelogs, read back uncommitted (aborted records were written too). Offsets alone
 * would overcount: every transaction leaves a commit marker in each partition it wrote, and markers
 * take offsets but are no records; a consumer skips them. Repartition topics are the exception: Streams
 * deletes their records once read, so they are counted by end offset (for an exactly-once writer that
 * includes its commit markers, an overcount of one per partition and commit).
 */
public final class AppendCount {
  private static final String REPARTITION = "-repartition";

  private AppendCount() {
  }

  /**
   * Records per topic.
   *
   * @param admin an admin client of the cluster
   * @param bootstrapServers the cluster
   * @param topics the run's own topics (input, sequence, outputs)
   * @param applicationId the Streams application whose {@code <applicationId>-...} topics also count
   * @return topic to the records it holds, sorted by topic
   */
  public static Map<String, Long> byTopic(final Admin admin, final String bootstrapServers,
                                          final Collection<String> topics, final String applicationId) {
    final List<String> names = BenchKafka.withApplicationTopics(admin, topics, applicationId);
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    final Map<String, Long> counts = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String name : names) {
        consumer.partitionsFor(name, Duration.ofSeconds(30)).forEach(p -> partitions.add(
            new TopicPartition(name, p.partition())));
        counts.put(name, 0L);
      }
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      final List<TopicPartition> purged = partitions.stream().filter(p -> p.topic().endsWith(REPARTITION)).toList();
      purged.forEach(p -> counts.merge(p.topic(), end.get(p), Long::sum));
      partitions.removeAll(purged);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("counting the records of " + names + " took over 5 minutes");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> counts.merge(r.topic(), 1L, Long::sum));
      }
    }
    return counts;
  }
}
