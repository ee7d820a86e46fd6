package dev.coffer.service.streams;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
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
