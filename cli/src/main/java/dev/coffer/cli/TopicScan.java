package dev.coffer.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic's committed records up to its end as it stood when the read began, without a consumer group
 * (nothing is committed, nothing consumed away): what the commands that inspect topics share.
 */
public final class TopicScan {
  private static final Duration ANSWER = Duration.ofSeconds(30);

  private TopicScan() {
  }

  /**
   * Hands each record to {@code each}, partition by partition as they arrive.
   *
   * @param clientConfig the Kafka client settings (more consumer settings may be among them)
   * @param last how many of the newest offsets of each partition to read ({@link Long#MAX_VALUE}: all)
   * @param within give up after this long, or {@code null} to read as long as it takes
   * @return how many partitions the topic has (0: no such topic)
   * @throws KafkaException if Kafka does not answer, or the read takes longer than {@code within}
   */
  public static <K, V> int read(final Map<String, Object> clientConfig, final String topic,
                                final Deserializer<K> keys, final Deserializer<V> values, final long last,
                                final Duration within, final Consumer<ConsumerRecord<K, V>> each) {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, ANSWER);
      if (infos == null || infos.isEmpty()) {
        return 0;
      }
      final List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, ANSWER);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ANSWER);
      for (final TopicPartition tp : partitions) {
        consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - Math.min(last, end.get(tp))));
      }
      final long deadline = within == null ? Long.MAX_VALUE : System.nanoTime() + within.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, ANSWER) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new KafkaException("could not read " + topic + " to its end within " + within.toSeconds() + " s");
        }
        for (final ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(500))) {
          // Past the end as it was: records written since the read began are not this read's.
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            each.accept(r);
          }
        }
      }
      return partitions.size();
    }
  }
}
