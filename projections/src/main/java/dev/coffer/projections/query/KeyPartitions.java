package dev.coffer.projections.query;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition of a store's key, computed as Streams' default partitioner does (murmur2 of the key's bytes,
 * modulo the partition count), without {@link KafkaStreams#queryMetadataForKey}: that call is synchronized
 * and rebuilds sets of every instance's partitions on each lookup (a tenth of a wallet lookup's CPU,
 * measured). The count of a store is learnt once from Streams' metadata and checked on probe keys against
 * {@code queryMetadataForKey}; while a store's check fails (another partitioner, topics of unequal sizes,
 * metadata missing an instance), its callers ask Streams, as before, and the check is tried again a minute later.
 * Partition counts of Coffer's topics do not change (the topic installer refuses to).
 */
final class KeyPartitions {
  private static final Logger LOG = LoggerFactory.getLogger(KeyPartitions.class);
  private static final StringSerializer KEYS = new StringSerializer();
  private static final int PROBES = 32;
  private static final long RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** A store's partition count, or (count 0) a failed check and when to check again. */
  private record Count(int count, long retryAtNanos) {
  }

  private final ConcurrentMap<String, Count> counts = new ConcurrentHashMap<>();

  /**
   * The partition of {@code key} in {@code store}, or -1 when it is not known yet (Streams' metadata is not
   * complete) or not computed here.
   */
  int partition(final KafkaStreams streams, final String store, final String key) {
    Count count = counts.get(store);
    if (count == null || count.count() == 0 && System.nanoTime() - count.retryAtNanos() >= 0) {
      count = learn(streams, store);
      if (count == null) {
        return -1;
      }
    }
    return count.count() == 0 ? -1 : partition(key, count.count());
  }

  static int partition(final String key, final int count) {
    return Utils.toPositive(Utils.murmur2(KEYS.serialize(null, key))) % count;
  }

  /** The store's partition count checked against Streams, remembered; null if the metadata is not ready. */
  private Count learn(final KafkaStreams streams, final String store) {
    int max = -1;
    for (final StreamsMetadata m : streams.streamsMetadataForStore(store)) {
      for (final var tp : m.topicPartitions()) {
        max = Math.max(max, tp.partition());
      }
      for (final var tp : m.standbyTopicPartitions()) {
        max = Math.max(max, tp.partition());
      }
    }
    if (max < 0) {
      return null;
    }
    final int count = max + 1;
    for (int i = 0; i < PROBES; i++) {
      final String probe = "coffer-partition-probe-" + i;
      final KeyQueryMetadata metadata = streams.queryMetadataForKey(store, probe, KEYS);
      if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
        return null;
      }
      if (metadata.partition() != partition(probe, count)) {
        LOG.warn("Store {}: Streams places key {} in partition {}, not {} as its default partitioner over {}"
            + " partitions would; lookups of this store ask Streams where each key is for a minute", store, probe,
            metadata.partition(), partition(probe, count), count);
        final Count off = new Count(0, System.nanoTime() + RETRY_NANOS);
        counts.put(store, off);
        return off;
      }
    }
    LOG.info("Store {}: keys placed by the default partitioner over {} partitions (checked on {} keys)", store,
        count, PROBES);
    final Count learnt = new Count(count, 0);
    counts.put(store, learnt);
    return learnt;
  }
}
