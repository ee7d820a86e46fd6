package dev.coffer.projections.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a dead-letter topic on request with a consumer of its own (no group, read_committed, closed
 * after each read): the newest records, a bounded number back from the end of each partition, or one
 * record by its id ({@code <partition>-<offset>}). Nothing is kept between requests; what one read costs is
 * bounded by {@code scan}.
 */
public final class DeadLetterLog {
  private final Map<String, Object> clientConfig;
  private final String topic;
  private final int scan;
  private final Duration timeout;

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} and security)
   * @param topic the dead-letter topic
   * @param scan records read back from the end of each partition, at most
   * @param timeout the longest one read may take
   */
  public DeadLetterLog(final Map<String, Object> clientConfig, final String topic, final int scan,
                       final Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = Objects.requireNonNull(topic, "topic");
    this.scan = scan;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The topic read. */
  public String topic() {
    return topic;
  }

  /**
   * The newest records, at most {@code scan} back from the end of each partition, newest first.
   *
   * @return the records read (every one: the caller filters)
   */
  public List<ConsumerRecord<String, byte[]>> newest() {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      final Map<TopicPartition, Long> from = new HashMap<>();
      for (final TopicPartition p : partitions) {
        from.put(p, Math.max(begin.get(p), end.get(p) - scan));
      }
      final List<ConsumerRecord<String, byte[]>> records = read(consumer, from, end, r -> true);
      records.sort(Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp())
          .thenComparingLong(ConsumerRecord::offset).reversed());
      return records;
    }
  }

  /**
   * The record of {@code id}, if the topic still holds it.
   *
   * @param id {@code <partition>-<offset>}
   */
  public Optional<ConsumerRecord<String, byte[]>> at(final DeadLetterId id) {
    return after(id, id.offset(), 1, r -> r.offset() == id.offset()).stream().findFirst();
  }

  /**
   * The first record after {@code id} in its partition that {@code matches}, looking at most {@code scan}
   * records on.
   */
  public Optional<ConsumerRecord<String, byte[]>> firstAfter(final DeadLetterId id,
                                                             final Predicate<ConsumerRecord<String, byte[]>> matches) {
    return after(id, id.offset() + 1, scan, matches).stream().findFirst();
  }

  private List<ConsumerRecord<String, byte[]>> after(final DeadLetterId id, final long start, final int count,
                                                     final Predicate<ConsumerRecord<String, byte[]>> matches) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      final TopicPartition partition = new TopicPartition(topic, id.partition());
      if (consumer.partitionsFor(topic, timeout).stream().noneMatch(p -> p.partition() == id.partition())) {
        return List.of();
      }
      consumer.assign(List.of(partition));
      final long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
      final long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      final long from = Math.max(begin, start);
      final long to = Math.min(end, start + count);
      return from >= to ? List.of() : read(consumer, Map.of(partition, from), Map.of(partition, to), matches);
    }
  }

  /** Reads each partition from {@code from} up to (not including) {@code to}, or until the deadline. */
  private List<ConsumerRecord<String, byte[]>> read(final KafkaConsumer<String, byte[]> consumer,
                                                    final Map<TopicPartition, Long> from,
                                                    final Map<TopicPartition, Long> to,
                                                    final Predicate<ConsumerRecord<String, byte[]>> matches) {
    final List<TopicPartition> open = new ArrayList<>();
    from.forEach((p, offset) -> {
      if (offset < to.get(p)) {
        consumer.seek(p, offset);
        open.add(p);
      }
    });
    consumer.assign(open);
    final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (!open.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("reading " + topic + " did not finish within " + timeout);
      }
      for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        final TopicPartition p = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < to.get(p) && matches.test(r)) {
          records.add(r);
        }
      }
      // Transaction markers and aborted records take offsets too: the position, not the last record, says
      // whether a partition is read to its end.
      open.removeIf(p -> consumer.position(p, timeout) >= to.get(p));
      consumer.assign(open);
    }
    return records;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "coffer-console-dead-letters");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
