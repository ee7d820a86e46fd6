package dev.coffer.projections.webhooks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition may be committed: records finish out of order (each app's webhooks
 * go at their own pace), and a partition's commit may pass only records that are finished, delivered
 * or parked. Thread-safe: records are added by the poll thread and finished by delivery threads.
 */
final class PendingOffsets {
  private final Map<TopicPartition, TreeSet<Long>> pending = new HashMap<>();
  private final Map<TopicPartition, Long> highest = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /** A record was read: not committable until {@link #finish}ed. */
  synchronized void start(final TopicPartition partition, final long offset) {
    pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    highest.merge(partition, offset, Math::max);
  }

  /** A record is finished; an offset of a partition no longer held (revoked) is ignored. */
  synchronized void finish(final TopicPartition partition, final long offset) {
    final TreeSet<Long> open = pending.get(partition);
    if (open != null) {
      open.remove(offset);
    }
  }

  /** The records read and not finished yet, over every partition. */
  synchronized int open() {
    return pending.values().stream().mapToInt(TreeSet::size).sum();
  }

  /**
   * What can be committed now that was not yet: per partition, the first offset not finished (or one
   * past the highest read when all are).
   */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    highest.forEach((partition, top) -> {
      final TreeSet<Long> open = pending.get(partition);
      final long next = open == null || open.isEmpty() ? top + 1 : open.first();
      if (next > committed.getOrDefault(partition, -1L)) {
        offsets.put(partition, new OffsetAndMetadata(next));
      }
    });
    return offsets;
  }

  /** Records that {@code offsets} were committed. */
  synchronized void committed(final Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
  }

  /** Forgets partitions this instance no longer holds: their unfinished records are the new owner's. */
  synchronized void forget(final Collection<TopicPartition> partitions) {
    partitions.forEach(p -> {
      pending.remove(p);
      highest.remove(p);
      committed.remove(p);
    });
  }

  /** Commits what is finished, on the consumer's own thread. */
  void commit(final Consumer<?, ?> consumer) {
    final Map<TopicPartition, OffsetAndMetadata> ready = committable();
    if (!ready.isEmpty()) {
      consumer.commitSync(ready);
      committed(ready);
    }
  }

  /**
   * A rebalance listener that, for the partitions leaving, commits what is finished and forgets them.
   * Called on the follower's thread, inside poll: the consumer may commit there.
   */
  ConsumerRebalanceListener onRebalance(final Consumer<?, ?> consumer) {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
        commit(consumer);
        forget(partitions);
      }

      @Override
      public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
      }
    };
  }
}
