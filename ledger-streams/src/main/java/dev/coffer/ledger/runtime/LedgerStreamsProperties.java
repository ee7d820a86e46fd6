package dev.coffer.ledger.runtime;

import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.service.streams.StreamsSettings;
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
  /**
   * The consumer's {@code session.timeout.ms} default: how long a dead instance keeps its partitions. Kafka's
   * 45 s would hold a killed instance's players for 45 s before its standby takes over; issue 10 asks that they
   * be served again within 10 s (measured by deploy/bench's restore run). 6 s is the broker's smallest allowed
   * session ({@code group.min.session.timeout.ms}); a JVM pause longer than that costs a rebalance.
   */
  static final int DEFAULT_SESSION_TIMEOUT_MS = 6_000;
  /** The consumer's {@code heartbeat.interval.ms} default: six heartbeats per session. */
  static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;
  /**
   * The producer's {@code transaction.timeout.ms} default (Kafka Streams' is 10 s). A killed instance's open
   * transaction blocks read_committed readers of every partition it wrote (outcomes included) until the broker
   * aborts it, this long after it began, at the broker's next expiry check
   * ({@code transaction.abort.timed.out.transaction.cleanup.interval.ms}, 10 s by default: lower it on the
   * brokers to meet the 10 s failover). A transaction lasts one commit interval, so 5 s leaves ample room.
   */
  static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 5_000;

  private LedgerStreamsProperties() {
  }

  /**
   * The Kafka Streams properties of {@code config}: exactly-once v2 with idempotent, {@code acks=all}
   * producers, the topology's required settings, durable internal topics and the bounded RocksDB setter.
   */
  static Properties of(final LedgerConfig config) {
    final Properties p = new Properties();
    // Latency defaults that kafka.* may override (docs/design.md, "The ledger": the write path).
    StreamsSettings.putLatencyDefaults(p);
    // Failover defaults (see their constants), unprefixed so that any kafka.* form of them overrides them.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(DEFAULT_SESSION_TIMEOUT_MS));
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(DEFAULT_HEARTBEAT_INTERVAL_MS));
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(DEFAULT_TRANSACTION_TIMEOUT_MS));
    // Transactional state stores (KIP-892, Kafka Streams 4.4): a store holds a transaction's writes in a buffer
    // until its changelog transaction commits, so an unclean stop no longer wipes local state under exactly-once;
    // a restart restores the changelogs' tail past the last commit, not all history (issue 10).
    p.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true");
    // Pass-through next: nothing below can be overridden by it (guarded at validation too).
    p.putAll(config.kafkaOverrides());
    config.streams().applyTo(p);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        Integer.toString(config.minInsyncReplicas()));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Exactly-once implies acks=all, but say so: a future default change must not weaken the ledger. Its
    // producers' idempotence is not set here: Streams forces it under exactly-once and warns at every start
    // that it ignores a user setting of it (LedgerConfigTest checks what Streams resolves).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
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
