package dev.coffer.ledger.runtime;

import dev.coffer.ledger.topology.LedgerTopology;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What a {@link LedgerConfig} means to Kafka Streams: its properties, with the latency defaults the ledger
 * measured and the settings its guarantees rest on (which no {@code kafka.*} key may change).
 */
final class LedgerStreamsProperties {
  /** The main consumer's {@code fetch.max.wait.ms} default. */
  static final int DEFAULT_FETCH_MAX_WAIT_MS = 10;
  /** The producer's {@code linger.ms} default. */
  static final int DEFAULT_LINGER_MS = 5;

  private LedgerStreamsProperties() {
  }

  /**
   * The Kafka Streams properties of {@code config}: exactly-once v2 with idempotent, {@code acks=all}
   * producers, the topology's required settings, durable internal topics and the bounded RocksDB setter.
   */
  static Properties of(final LedgerConfig config) {
    final Properties p = new Properties();
    // Latency defaults that kafka.* may override (docs/design.md, "Latency and throughput"):
    // - A main consumer's fetch that finds nothing committed yet waits fetch.max.wait.ms on the broker
    //   (500 ms by default) while the thread has drained its input: measured here, that capped the
    //   ledger at two fetches and ~600 events/s with the CPU idle, and it adds to every write's wait.
    // - Streams lingers 100 ms in its producer; a commit flushes anyway, but records already sent when
    //   the commit starts make the commit (and every outcome's visibility) shorter.
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        Integer.toString(DEFAULT_FETCH_MAX_WAIT_MS));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.toString(DEFAULT_LINGER_MS));
    // Pass-through next: nothing below can be overridden by it (guarded at validation too).
    p.putAll(config.kafkaOverrides());
    config.streams().applyTo(p);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        Integer.toString(config.minInsyncReplicas()));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Exactly-once implies both, but say so: a future default change must not weaken the ledger.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), "true");
    p.putAll(LedgerTopology.REQUIRED_CONFIG);
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
    p.put(BoundedRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, Long.toString(config.rocksDbBlockCacheBytes()));
    p.put(BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG, Long.toString(config.rocksDbWriteBufferBytes()));
    if (config.applicationServer() != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
    }
    return p;
  }
}
