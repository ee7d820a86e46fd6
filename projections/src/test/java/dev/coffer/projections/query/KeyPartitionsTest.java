package dev.coffer.projections.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyPartitionsTest {

  @Test
  void placesKeysAsTheProducersAndStreamsDefaultPartitionerDoes() {
    for (final int count : new int[] {1, 3, 6, 12}) {
      for (int i = 0; i < 2_000; i++) {
        final String key = "app-" + (i % 7) + "|pref." + Integer.toHexString(i * 2654435761L > 0 ? i : -i) + i;
        assertThat(KeyPartitions.partition(key, count)).as("%s over %d partitions", key, count)
            .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), count));
      }
    }
  }
}
