package dev.coffer.service.streams;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every Streams service declares, typed once: the keys, their checks and
 * the {@link StreamsConfig} properties they become. A service adds them to its {@link ConfigSpec}
 * with its own defaults ({@link #declare}), reads them ({@link #read}) and applies them
 * ({@link #applyTo}); its {@code kafka.*} pass-through may not set them ({@link #STREAMS_KEYS}).
 *
 * @param applicationId the Streams application id: consumer group, transactional ids and internal
 *     topic prefix ({@code application.id})
 * @param stateDir where RocksDB stores live, kept across restarts ({@code state.dir})
 * @param numStreamThreads stream threads of this instance ({@code num.stream.threads})
 * @param numStandbyReplicas warm copies of each store on other instances ({@code num.standby.replicas})
 * @param commitInterval how often progress commits ({@code commit.interval.ms})
 * @param replicationFactor of internal topics ({@code replication.factor})
 */
public record StreamsSettings(String applicationId, Path stateDir, int numStreamThreads, int numStandbyReplicas,
                              Duration commitInterval, short replicationFactor) {
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String NUM_STANDBY_REPLICAS = "num.standby.replicas";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String REPLICATION_FACTOR = "replication.factor";

  /** The {@link StreamsConfig} keys these settings decide: a {@code kafka.*} key may not set them. */
  public static final Set<String> STREAMS_KEYS = Set.of(StreamsConfig.APPLICATION_ID_CONFIG,
      StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
      StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
      StreamsConfig.REPLICATION_FACTOR_CONFIG);

  /** The main consumer's {@code fetch.max.wait.ms} default (Kafka's is 500 ms). */
  public static final int DEFAULT_FETCH_MAX_WAIT_MS = 10;
  /** The producer's {@code linger.ms} default (Kafka Streams' is 100 ms). */
  public static final int DEFAULT_LINGER_MS = 5;
  /** The stream thread's {@code poll.ms} default (Kafka's is 100 ms). */
  public static final int DEFAULT_POLL_MS = 5;

  /**
   * Puts the latency defaults every Coffer Streams service starts from, before its {@code kafka.*} keys (which
   * may override them). Measured on the ledger (docs/design.md, "The ledger": the write path):
   * <ul>
   *   <li>a main consumer's fetch that finds nothing committed yet waits {@code fetch.max.wait.ms} on the broker
   *       while the thread has drained its input: Kafka's 500 ms capped the ledger at ~600 events/s with the CPU
   *       idle, and added to every write's wait;
   *   <li>Streams lingers 100 ms in its producer; a commit flushes anyway, but records already sent when the
   *       commit starts make the commit (and every outcome's visibility) shorter;
   *   <li>a stream thread commits only between polls, and when every caller waits for the outcome of a record
   *       already processed, no new record ends the poll early: Kafka's 100 ms {@code poll.ms} was the floor of
   *       every write (p50 114 ms at concurrency 8; 31 ms with 5 ms). Its cost to the exactly-once ledger's
   *       throughput is within this machine's run-to-run noise (deploy/bench, alternating runs: 5.7-11.4k
   *       events/s with 100 ms, 6.9-11.3k with 5 ms).
   * </ul>
   */
  public static void putLatencyDefaults(final Properties p) {
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        Integer.toString(DEFAULT_FETCH_MAX_WAIT_MS));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.toString(DEFAULT_LINGER_MS));
    p.put(StreamsConfig.POLL_MS_CONFIG, Integer.toString(DEFAULT_POLL_MS));
  }

  /** {@link #STREAMS_KEYS} and {@code more}: what a service's {@code kafka.*} keys may not set. */
  public static Set<String> guardedWith(final String... more) {
    final Set<String> all = new HashSet<>(STREAMS_KEYS);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  /** Streams' prefixes of client and topic settings ({@code producer.}, {@code main.consumer.}, ...). */
  private static final List<String> CLIENT_PREFIXES = List.of(
      StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
      StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
      StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.TOPIC_PREFIX);

  /** A Streams setting without its client or topic prefix, to check it against what is guarded. */
  public static String unprefixed(final String kafkaKey) {
    for (final String prefix : CLIENT_PREFIXES) {
      if (kafkaKey.startsWith(prefix)) {
        return kafkaKey.substring(prefix.length());
      }
    }
    return kafkaKey;
  }

  /**
   * The settings a Streams service's own plain clients (consumers, producers, admin) take: its {@code kafka.*}
   * keys without those meant for Streams' inner clients or topics ({@code consumer.}, {@code producer.},
   * {@code main.consumer.}, ..., {@code topic.}), and {@code bootstrap.servers}.
   *
   * @param bootstrapServers the brokers
   * @param kafkaOverrides the service's {@code kafka.*} settings, without the prefix
   * @return a new mutable map
   */
  public static Map<String, Object> clientConfig(final String bootstrapServers,
                                                 final Map<String, String> kafkaOverrides) {
    final Map<String, Object> c = new TreeMap<>();
    kafkaOverrides.forEach((k, val) -> {
      if (!k.contains("consumer.") && !k.contains("producer.") && !k.startsWith("topic.")) {
        c.put(k, val);
      }
    });
    c.put("bootstrap.servers", bootstrapServers);
    return c;
  }

  public StreamsSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(commitInterval, "commitInterval");
  }

  /**
   * A service's defaults.
   *
   * @param applicationId the application id
   * @param stateDirName the state folder's name under {@code java.io.tmpdir}
   * @param commitIntervalMs the commit interval
   * @param numStandbyReplicas standbys
   * @param replicationFactor the internal topics' replication factor
   */
  public record Defaults(String applicationId, String stateDirName, long commitIntervalMs, int numStandbyReplicas,
                         int replicationFactor) {
  }

  /** Declares the keys on {@code spec} with {@code defaults}. */
  public static ConfigSpec.Builder declare(final ConfigSpec.Builder spec, final Defaults defaults) {
    return spec.key(APPLICATION_ID, defaults.applicationId())
        .key(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), defaults.stateDirName()).toString())
        .key(NUM_STREAM_THREADS, "1")
        .key(NUM_STANDBY_REPLICAS, Integer.toString(defaults.numStandbyReplicas()))
        .key(COMMIT_INTERVAL_MS, Long.toString(defaults.commitIntervalMs()))
        .key(REPLICATION_FACTOR, Integer.toString(defaults.replicationFactor()));
  }

  /** Reads and checks the keys; bad values are recorded on {@code v} (placeholders are returned). */
  public static StreamsSettings read(final ConfigValues v) {
    final String appId = v.kafkaName(APPLICATION_ID);
    final Path stateDir = v.path(STATE_DIR);
    final int threads = v.intIn(NUM_STREAM_THREADS, 1, 64);
    final int standbys = v.intIn(NUM_STANDBY_REPLICAS, 0, 8);
    final long commitMs = v.longIn(COMMIT_INTERVAL_MS, 1, 60_000);
    final int rf = v.intIn(REPLICATION_FACTOR, 1, Short.MAX_VALUE);
    return new StreamsSettings(appId == null ? "" : appId, stateDir == null ? Path.of("") : stateDir, threads,
        standbys, Duration.ofMillis(commitMs), (short) rf);
  }

  /** Sets the {@link StreamsConfig} properties of these settings on {@code p}. */
  public void applyTo(final Properties p) {
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(numStreamThreads));
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(numStandbyReplicas));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
  }
}
