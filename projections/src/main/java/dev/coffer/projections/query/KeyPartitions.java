package dev.coffer.projections.query;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * {@code queryMetadataForKey}; a store whose check fails (another partitioner, topics of unequal sizes) is
 * never computed here again, and its callers ask Streams, as before. Partition counts of Coffer's topics do not
 * change (the topic installer refuses to).
 */
final class KeyPartitions {
  private static final Logger LOG = LoggerFactory.getLogger(KeyPartitions.class);
  private static final StringSerializer KEYS = new StringSerializer();
  private static final int PROBES = 32;
  /** A store whose keys this class does not place. */
  private static final int OFF = -1;

  private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

  /**
   * The partition of {@code key} in {@code store}, or -1 when it is not known yet (Streams' metadata is not
   * complete) or not computed here.
   */
  int partition(final KafkaStreams streams, final String store, final String key) {
    Integer count = counts.get(store);
    if (count == null) {
      count = learn(streams, store);
      if (count == null) {
        return -1;
      }
    }
    return count == OFF ? -1 : partition(key, count);
  }

  static int partition(final String key, final int count) {
    return Utils.toPositive(Utils.murmur2(KEYS.serialize(null, key))) % count;
  }

  /** The store's partition count checked against Streams, remembered; null if the metadata is not ready. */
  private Integer learn(final KafkaStreams streams, final String store) {
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
            + " partitions would; lookups of this store ask Streams where each key is", store, probe,
            metadata.partition(), partition(probe, count), count);
        counts.put(store, OFF);
        return OFF;
      }
    }
    counts.put(store, count);
    return count;
  }
}
