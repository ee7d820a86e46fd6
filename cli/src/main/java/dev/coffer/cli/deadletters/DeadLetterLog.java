package dev.coffer.cli.deadletters;

import dev.coffer.cli.TopicScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
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
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    if (TopicScan.read(clientConfig, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), scan,
        Duration.ofSeconds(60), records::add) == 0) {
      throw new KafkaException("no topic " + topic + " on this cluster");
    }
    records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
        .thenComparingLong(ConsumerRecord::offset).reversed());
    return records;
  }
}
