package dev.coffer.cli.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The newest records of a dead-letter topic, read without a consumer group (nothing is committed, nothing
 * consumed away): the last {@code scan} records of each partition, newest first.
 */
final class DeadLetterLog {
  private DeadLetterLog() {
  }

  /** The newest records of {@code topic}: at most {@code scan} per partition, newest first. */
  static List<ConsumerRecord<byte[], byte[]>> newest(final Map<String, Object> clientConfig, final String topic,
                                                     final int scan) {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new KafkaException("no topic " + topic + " on this cluster");
      }
      final List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      for (final TopicPartition tp : partitions) {
        consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - scan));
      }
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new KafkaException("could not read " + topic + " to its end within 60 s");
        }
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(r);
          }
        }
      }
    }
    records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
        .thenComparingLong(ConsumerRecord::offset).reversed());
    return records;
  }
}
