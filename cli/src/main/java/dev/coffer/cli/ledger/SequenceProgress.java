package dev.coffer.cli.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a replay has read the sequence topic: the offsets its consumer group (the application id) has
 * committed, against the topic's committed end as it stood when the replay began. Kafka Streams commits
 * the consumer's position once a partition is drained, past the transaction markers, so a finished replay
 * reaches the end offsets exactly.
 */
final class SequenceProgress {
  private final Admin admin;
  private final String applicationId;
  private final Map<TopicPartition, Long> start;
  private final Map<TopicPartition, Long> end;

  private SequenceProgress(final Admin admin, final String applicationId, final Map<TopicPartition, Long> start,
                           final Map<TopicPartition, Long> end) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.start = start;
    this.end = end;
  }

  /** The sequence topic's range now, for a replay under {@code applicationId}. */
  static SequenceProgress of(final Admin admin, final String topic, final int partitions, final String applicationId) {
    final Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    final ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
    final Map<TopicPartition, Long> start = new HashMap<>();
    final Map<TopicPartition, Long> end = new HashMap<>();
    get(() -> admin.listOffsets(earliest, committed).all().get(30, TimeUnit.SECONDS))
        .forEach((tp, info) -> start.put(tp, info.offset()));
    get(() -> admin.listOffsets(latest, committed).all().get(30, TimeUnit.SECONDS))
        .forEach((tp, info) -> end.put(tp, info.offset()));
    return new SequenceProgress(admin, applicationId, start, end);
  }

  /** Offsets to read in all (records and transaction markers). */
  long total() {
    return end.keySet().stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
  }

  /** Offsets read so far (committed by the replay). */
  long done() {
    final Map<TopicPartition, OffsetAndMetadata> offsets = get(() -> admin
        .listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
    long done = 0;
    for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      final OffsetAndMetadata at = offsets.get(e.getKey());
      final long position = at == null ? start.get(e.getKey()) : Math.min(at.offset(), e.getValue());
      done += Math.max(0, position - start.get(e.getKey()));
    }
    return done;
  }

  /** Whether every partition is read to where it ended when the replay began. */
  boolean finished() {
    return done() >= total();
  }

  /** Kafka's answer, or its failure as a {@link KafkaException}. */
  static <T> T get(final Call<T> call) {
    try {
      return call.get();
    } catch (final ExecutionException e) {
      throw new KafkaException(e.getCause().getMessage(), e.getCause());
    } catch (final TimeoutException e) {
      throw new KafkaException("Kafka did not answer within 30 s", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }

  /** A blocking Kafka call. */
  @FunctionalInterface
  interface Call<T> {
    T get() throws ExecutionException, TimeoutException, InterruptedException;
  }
}
