package dev.coffer.ledger.runtime;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import dev.coffer.ledger.fold.Limits;
import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.service.config.ServiceSettings;
import dev.coffer.service.streams.QuietCommit;
import dev.coffer.service.streams.StreamsSettings;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The ledger service's whole configuration: one typed, validated value, read from a YAML or
 * properties file with environment overrides, and turned into the Streams {@link Properties}.
 *
 * <p>Keys are flat and dotted ({@code bootstrap.servers}); in YAML they may also be nested
 * ({@code rocksdb: {block.cache.bytes: 64MiB}}). Every key can be overridden by the environment
 * variable {@code COFFER_LEDGER_} + the key upper-cased with {@code .} and {@code -} turned into
 * {@code _} ({@code bootstrap.servers} &rarr; {@code COFFER_LEDGER_BOOTSTRAP_SERVERS}). Keys under
 * {@code kafka.} are passed to Kafka Streams and its clients as they are (security settings,
 * timeouts), from the file or from {@code COFFER_LEDGER_KAFKA_*} ({@code _} &rarr; {@code .});
 * they may not override what this class decides (exactly-once, acks, the typed keys).
 *
 * <p>Unknown keys and unknown {@code COFFER_LEDGER_*} variables are errors, not silently ignored:
 * a typo in a replication factor must stop the deployment, not weaken it.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code bootstrap.servers}, required)
 * @param registryUrl the schema registry's Confluent-compatible REST base URL ({@code registry.url},
 *     required)
 * @param streams the Kafka Streams settings shared with projections (the service kit's
 *     {@link StreamsSettings}: {@code application.id}, {@code state.dir}, {@code num.stream.threads},
 *     {@code num.standby.replicas}, {@code replication.factor}, and {@code commit.interval.ms}, which
 *     bounds the latency of every outcome under exactly-once, see {@link #DEFAULT_COMMIT_INTERVAL_MS})
 * @param minInsyncReplicas of internal topics ({@code min.insync.replicas})
 * @param rocksDbBlockCacheBytes the one block cache shared by every store of the process
 *     ({@code rocksdb.block.cache.bytes}); bounds RocksDB's off-heap memory
 * @param rocksDbWriteBufferBytes the memtables' share of that cache ({@code rocksdb.write.buffer.bytes})
 * @param limits the bounds on one player's state ({@code max.active.instances}, {@code max.state.bytes})
 * @param quietCommit when a stream thread commits without waiting for the commit interval: its input empty for
 *     {@code commit.quiet.ms} (0: at the interval only) after at most {@code commit.quiet.max.records} records
 *     (defaults: {@code LedgerTopology.DEFAULT_QUIET_COMMIT})
 * @param httpHost the ops HTTP server's bind address ({@code http.host})
 * @param httpPort the ops HTTP server's port, 0 for any free one ({@code http.port})
 * @param applicationServer this instance's {@code host:port} for interactive-query routing
 *     ({@code application.server}), or {@code null}
 * @param uncaughtExceptionPolicy what a dying stream thread does ({@code uncaught.exception.policy})
 * @param shutdownTimeout how long a graceful close waits ({@code shutdown.timeout})
 * @param schemasAutoRegister whether writers register their schemas at run time
 *     ({@code schemas.auto-register}, default false: the installer registers them at the contract's
 *     compatibility level, and start refuses a build whose schemas it did not)
 * @param kafkaOverrides further Streams and client settings ({@code kafka.*}, without the prefix)
 */
public record LedgerConfig(String bootstrapServers,
                           URI registryUrl,
                           StreamsSettings streams,
                           int minInsyncReplicas,
                           long rocksDbBlockCacheBytes,
                           long rocksDbWriteBufferBytes,
                           Limits limits,
                           QuietCommit.Policy quietCommit,
                           String httpHost,
                           int httpPort,
                           String applicationServer,
                           UncaughtExceptionPolicy uncaughtExceptionPolicy,
                           Duration shutdownTimeout,
                           boolean schemasAutoRegister,
                           Map<String, String> kafkaOverrides) {

  /**
   * The default commit interval. Every outcome becomes visible to read_committed readers (the gateway
   * waiting for it, projections) when its transaction commits. Callers that wait for their outcome
   * write again just after the commit that released them, so under load a write waits a whole commit
   * cycle: this interval (Streams starts it when a commit ends) plus the commit itself. Each commit
   * blocks the stream thread for its round trips, so a shorter interval costs a backlog throughput.
   * 15 ms (round 17, deploy/bench) brought grant/spend at 64 concurrent writers to a p50 of 23-24 ms
   * (28-29 with 20), with the exactly-once backlog rate inside the runs' swings; 10 ms gave about 20 ms
   * there but cost a backlog a third of its exactly-once rate. Set 10 for few, latency-bound writers;
   * 20 or more for batch imports.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 15;

  /** The prefix of every environment override. */
  public static final String ENV_PREFIX = "COFFER_LEDGER_";
  /** The environment variable {@link LedgerMain} reads the config file path from, if no argument. */
  public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";
  /** The prefix of keys passed through to Kafka. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String BOOTSTRAP_SERVERS = ServiceSettings.BOOTSTRAP_SERVERS;
  public static final String REGISTRY_URL = ServiceSettings.REGISTRY_URL;
  public static final String APPLICATION_ID = StreamsSettings.APPLICATION_ID;
  public static final String STATE_DIR = StreamsSettings.STATE_DIR;
  public static final String NUM_STREAM_THREADS = StreamsSettings.NUM_STREAM_THREADS;
  public static final String NUM_STANDBY_REPLICAS = StreamsSettings.NUM_STANDBY_REPLICAS;
  public static final String COMMIT_INTERVAL_MS = StreamsSettings.COMMIT_INTERVAL_MS;
  public static final String REPLICATION_FACTOR = StreamsSettings.REPLICATION_FACTOR;
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
  public static final String ROCKSDB_BLOCK_CACHE_BYTES = "rocksdb.block.cache.bytes";
  public static final String ROCKSDB_WRITE_BUFFER_BYTES = "rocksdb.write.buffer.bytes";
  public static final String MAX_ACTIVE_INSTANCES = "max.active.instances";
  public static final String MAX_STATE_BYTES = "max.state.bytes";
  public static final String COMMIT_QUIET_MS = "commit.quiet.ms";
  public static final String COMMIT_QUIET_MAX_RECORDS = "commit.quiet.max.records";
  public static final String HTTP_HOST = ServiceSettings.HTTP_HOST;
  public static final String HTTP_PORT = ServiceSettings.HTTP_PORT;
  public static final String APPLICATION_SERVER = "application.server";
  public static final String UNCAUGHT_EXCEPTION_POLICY = "uncaught.exception.policy";
  public static final String SHUTDOWN_TIMEOUT = ServiceSettings.SHUTDOWN_TIMEOUT;
  public static final String SCHEMAS_AUTO_REGISTER = ServiceSettings.SCHEMAS_AUTO_REGISTER;

  /**
   * Kafka settings a {@code kafka.*} key may not set: the typed keys above, and what exactly-once
   * and the ledger's invariants rest on. Checked after stripping Streams' client prefixes.
   */
  private static final Set<String> GUARDED = StreamsSettings.guardedWith(
      StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
      StreamsConfig.APPLICATION_SERVER_CONFIG, StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
      StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG,
      StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, ProducerConfig.ACKS_CONFIG,
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
      BoundedRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG);

  public LedgerConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(uncaughtExceptionPolicy, "uncaughtExceptionPolicy");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(quietCommit, "quietCommit");
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  /**
   * Every typed key with its default: {@code null} for the required ones and for the optional
   * {@link #APPLICATION_SERVER} (unset).
   */
  // One exactly-once stage: an outcome is visible one commit after its event arrives. Replication:
  // production defaults (design invariant 6); the local stack and tests set 1 and 1.
  private static final ConfigSpec SPEC = StreamsSettings.declare(ConfigSpec.builder("ledger")
      .key(BOOTSTRAP_SERVERS, null)
      .key(REGISTRY_URL, null), new StreamsSettings.Defaults("coffer-ledger", "coffer-ledger",
          DEFAULT_COMMIT_INTERVAL_MS, 1, 3))
      .key(MIN_INSYNC_REPLICAS, "2")
      .key(ROCKSDB_BLOCK_CACHE_BYTES, "256MiB")
      .key(ROCKSDB_WRITE_BUFFER_BYTES, "64MiB")
      .key(MAX_ACTIVE_INSTANCES, Integer.toString(Limits.DEFAULT_MAX_ACTIVE_INSTANCES))
      .key(MAX_STATE_BYTES, Integer.toString(Limits.DEFAULT_MAX_STATE_BYTES))
      .key(COMMIT_QUIET_MS, Long.toString(LedgerTopology.DEFAULT_QUIET_COMMIT.quiet().toMillis()))
      .key(COMMIT_QUIET_MAX_RECORDS, Integer.toString(LedgerTopology.DEFAULT_QUIET_COMMIT.maxRecords()))
      .key(HTTP_HOST, ServiceSettings.DEFAULT_HTTP_HOST)
      .key(HTTP_PORT, "8091")
      .key(APPLICATION_SERVER, null)
      .key(UNCAUGHT_EXCEPTION_POLICY, UncaughtExceptionPolicy.SHUTDOWN_CLIENT.name())
      .key(SHUTDOWN_TIMEOUT, "30s")
      .key(SCHEMAS_AUTO_REGISTER, "false")
      .envPrefix(ENV_PREFIX)
      .passthrough(KAFKA_PREFIX)
      .exceptions(LedgerConfigException::new)
      .build();

  /** Every typed key, in documentation order. */
  public static Set<String> keys() {
    return SPEC.keys();
  }

  /**
   * The environment variable that overrides {@code key}.
   *
   * @param key a typed key or a {@code kafka.*} key
   * @return e.g. {@code COFFER_LEDGER_BOOTSTRAP_SERVERS}
   */
  public static String envName(final String key) {
    return SPEC.envName(key);
  }

  /**
   * Reads a YAML ({@code .yaml}, {@code .yml}) or properties file, applies the environment's
   * {@code COFFER_LEDGER_*} overrides and validates the result.
   *
   * @param file the configuration file
   * @param env the environment, usually {@link System#getenv()}
   * @return the configuration
   * @throws LedgerConfigException naming every bad key
   * @throws UncheckedIOException if the file cannot be read or parsed
   */
  public static LedgerConfig load(final Path file, final Map<String, String> env) {
    return validate(SPEC.load(Objects.requireNonNull(file, "file"), env));
  }

  /**
   * Validates settings given as a map of keys to values (an embedding program such as the local
   * stack), with the environment's {@code COFFER_LEDGER_*} overrides applied on top.
   *
   * @param values keys as in the file
   * @param env the environment, usually {@link System#getenv()}
   * @return the configuration
   * @throws LedgerConfigException naming every bad key
   */
  public static LedgerConfig fromMap(final Map<String, String> values, final Map<String, String> env) {
    return validate(SPEC.fromMap(values, null, env));
  }

  /**
   * Validates settings given as a map of keys to values (tests and the local stack), without
   * looking at the environment.
   *
   * @param values keys as in the file
   * @return the configuration
   * @throws LedgerConfigException naming every bad key
   */
  public static LedgerConfig fromMap(final Map<String, String> values) {
    return validate(SPEC.fromMap(values, null, null));
  }

  /**
   * The settings of a ledger on a one-broker cluster (the local stack, tests, the benchmark): where it
   * connects, its id and state folder, and the durability one broker allows (replication factor and
   * min ISR 1, no standbys). A mutable map: callers add their own sizes, ports and timeouts.
   *
   * @param bootstrapServers the broker
   * @param registryUrl the registry's Confluent-compatible URL
   * @param applicationId the application id
   * @param stateDir the state folder
   * @return the settings, keys as in the file
   */
  public static Map<String, String> singleBroker(final String bootstrapServers, final String registryUrl,
                                                 final String applicationId, final Path stateDir) {
    final Map<String, String> settings = new HashMap<>();
    settings.put(BOOTSTRAP_SERVERS, bootstrapServers);
    settings.put(REGISTRY_URL, registryUrl);
    settings.put(APPLICATION_ID, applicationId);
    settings.put(STATE_DIR, stateDir.toString());
    settings.put(REPLICATION_FACTOR, "1");
    settings.put(MIN_INSYNC_REPLICAS, "1");
    settings.put(NUM_STANDBY_REPLICAS, "0");
    return settings;
  }

  private static LedgerConfig validate(final ConfigValues v) {
    final Map<String, String> kafka = v.passthrough(kafkaKey -> GUARDED.contains(StreamsSettings.unprefixed(kafkaKey))
        ? "may not be overridden; it is set by the ledger" + typedHint(StreamsSettings.unprefixed(kafkaKey)) : null);
    final String bootstrap = v.hostPorts(BOOTSTRAP_SERVERS);
    final URI registry = v.httpUrl(REGISTRY_URL);
    final StreamsSettings streams = StreamsSettings.read(v);
    final int rf = streams.replicationFactor();
    final int minIsr = v.intIn(MIN_INSYNC_REPLICAS, 1, Short.MAX_VALUE);
    if (minIsr > rf && v.ok(REPLICATION_FACTOR, MIN_INSYNC_REPLICAS)) {
      v.problem(MIN_INSYNC_REPLICAS, "must not exceed " + REPLICATION_FACTOR + " (" + rf
          + "), or no write could ever be acknowledged");
    }
    final long cache = v.bytes(ROCKSDB_BLOCK_CACHE_BYTES, 1L << 20, Long.MAX_VALUE);
    final long writeBuffers = v.bytes(ROCKSDB_WRITE_BUFFER_BYTES, 1L << 20, Long.MAX_VALUE);
    if (writeBuffers >= cache && v.ok(ROCKSDB_BLOCK_CACHE_BYTES, ROCKSDB_WRITE_BUFFER_BYTES)) {
      // The write buffer manager charges memtables to the block cache: they must fit inside it.
      v.problem(ROCKSDB_WRITE_BUFFER_BYTES, "must be less than " + ROCKSDB_BLOCK_CACHE_BYTES
          + " (" + cache + " bytes): memtables are counted against the block cache");
    }
    final int maxInstances = v.intIn(MAX_ACTIVE_INSTANCES, 1, 1_000_000);
    final long maxStateBytes = v.bytes(MAX_STATE_BYTES, 1024, 64L << 20);
    final int quietMs = v.intIn(COMMIT_QUIET_MS, 0, 60_000);
    final int quietMaxRecords = v.intIn(COMMIT_QUIET_MAX_RECORDS, 1, 1_000_000);
    final String httpHost = v.text(HTTP_HOST);
    final int httpPort = v.port(HTTP_PORT, true);
    final String appServer = v.hostPortOrNull(APPLICATION_SERVER);
    final UncaughtExceptionPolicy policy = v.enumValue(UNCAUGHT_EXCEPTION_POLICY, UncaughtExceptionPolicy.class);
    final Duration shutdown = v.duration(SHUTDOWN_TIMEOUT);
    final boolean autoRegister = v.bool(SCHEMAS_AUTO_REGISTER);
    v.throwIfInvalid();
    return new LedgerConfig(bootstrap, registry, streams, minIsr, cache, writeBuffers,
        new Limits(maxInstances, (int) maxStateBytes), new QuietCommit.Policy(Duration.ofMillis(quietMs),
            quietMaxRecords), httpHost,
        httpPort, appServer, policy, shutdown, autoRegister, kafka);
  }

  private static String typedHint(final String kafkaKey) {
    return SPEC.keys().contains(kafkaKey) ? " (use the key " + kafkaKey + ")" : "";
  }

  /** The Streams application id. */
  public String applicationId() {
    return streams.applicationId();
  }

  /**
   * The Kafka Streams properties: exactly-once v2 with idempotent, {@code acks=all} producers, the
   * topology's required settings, durable internal topics and the bounded RocksDB setter
   * ({@link LedgerStreamsProperties}).
   */
  public Properties streamsProperties() {
    return LedgerStreamsProperties.of(this);
  }
}
