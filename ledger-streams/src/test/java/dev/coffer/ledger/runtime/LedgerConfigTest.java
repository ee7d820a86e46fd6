package dev.coffer.ledger.runtime;

import dev.coffer.ledger.fold.Limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.service.streams.QuietCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerConfigTest {
  private static final String MINIMAL_YAML = """
      bootstrap.servers: localhost:9092
      registry:
        url: http://localhost:8080/apis/ccompat/v7
      """;

  @TempDir
  Path dir;

  private Path write(final String name, final String content) throws IOException {
    final Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static Map<String, String> minimal() {
    final Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", "localhost:9092");
    m.put("registry.url", "http://localhost:8080/apis/ccompat/v7");
    return m;
  }

  @Test
  void minimalYamlGetsProductionDefaultsAndExactlyOnceProperties() throws IOException {
    final LedgerConfig config = LedgerConfig.load(write("ledger.yaml", MINIMAL_YAML), Map.of());

    assertThat(config.applicationId()).isEqualTo("coffer-ledger");
    assertThat(config.streams().replicationFactor()).isEqualTo((short) 3);
    assertThat(config.minInsyncReplicas()).isEqualTo(2);
    assertThat(config.streams().commitInterval()).isEqualTo(Duration.ofMillis(LedgerConfig.DEFAULT_COMMIT_INTERVAL_MS));
    assertThat(config.rocksDbBlockCacheBytes()).isEqualTo(256L << 20);
    assertThat(config.limits()).isEqualTo(Limits.DEFAULTS);
    assertThat(config.quietCommit()).as("quiet commits are opt-in").isEqualTo(LedgerTopology.DEFAULT_QUIET_COMMIT);
    assertThat(config.quietCommit().quiet()).isZero();
    assertThat(config.uncaughtExceptionPolicy()).isEqualTo(UncaughtExceptionPolicy.SHUTDOWN_CLIENT);

    final Properties p = config.streamsProperties();
    assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    assertThat(p.getProperty(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo("true");
    assertThat(p.getProperty("producer.acks")).isEqualTo("all");
    // Idempotent as Streams resolves it under exactly-once; set by Coffer, it would only earn a warning per start.
    assertThat(String.valueOf(new StreamsConfig(p).getProducerConfigs("ledger-producer")
        .get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");
    assertThat(p.getProperty("producer.enable.idempotence")).isNull();
    assertThat(p.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo("3");
    assertThat(p.getProperty("topic.min.insync.replicas")).isEqualTo("2");
    assertThat(p.getProperty(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo(BoundedRocksDbConfig.class.getName());
    assertThat(p.getProperty(BoundedRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG)).isEqualTo(Long.toString(256L << 20));
    assertThat(p).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    assertThat(p.getProperty("main.consumer.fetch.max.wait.ms")).isEqualTo("10");
    assertThat(p.getProperty("producer.linger.ms")).isEqualTo("5");
    assertThat(p.getProperty("poll.ms")).as("commits wait for a poll to end").isEqualTo("5");
    assertThat(p.getProperty("session.timeout.ms")).as("failover within 10 s").isEqualTo("6000");
    assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("1000");
    assertThat(p.getProperty("transaction.timeout.ms")).isEqualTo("5000");
    // Streams itself accepts the result.
    assertThat(new StreamsConfig(p).getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("coffer-ledger");
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    final Path file = write("ledger.yaml", MINIMAL_YAML + """
        application.id: from-file
        rocksdb:
          block.cache.bytes: 64MiB
          write.buffer.bytes: 8m
        max.active.instances: 500
        """);
    final Map<String, String> env = Map.of(
        "COFFER_LEDGER_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
        "COFFER_LEDGER_APPLICATION_ID", "from-env",
        "COFFER_LEDGER_NUM_STREAM_THREADS", "4",
        "COFFER_LEDGER_APPLICATION_SERVER", "ledger-0.ledger:8091",
        "COFFER_LEDGER_KAFKA_SESSION_TIMEOUT_MS", "10000",
        "COFFER_LEDGER_KAFKA_MAIN_CONSUMER_FETCH_MAX_WAIT_MS", "50",
        "COFFER_LEDGER_CONFIG", "/ignored/it/names/the/file",
        "PATH", "/usr/bin");

    final LedgerConfig config = LedgerConfig.load(file, env);

    assertThat(config.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
    assertThat(config.applicationId()).isEqualTo("from-env");
    assertThat(config.streams().numStreamThreads()).isEqualTo(4);
    assertThat(config.rocksDbBlockCacheBytes()).isEqualTo(64L << 20);
    assertThat(config.rocksDbWriteBufferBytes()).isEqualTo(8L << 20);
    assertThat(config.limits().maxActiveInstances()).isEqualTo(500);
    assertThat(config.applicationServer()).isEqualTo("ledger-0.ledger:8091");
    assertThat(config.kafkaOverrides()).containsEntry("session.timeout.ms", "10000");
    final Properties p = config.streamsProperties();
    assertThat(p.getProperty("session.timeout.ms")).as("a default kafka.* may override").isEqualTo("10000");
    assertThat(p.getProperty("main.consumer.fetch.max.wait.ms")).as("a default kafka.* may override").isEqualTo("50");
    assertThat(p.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("ledger-0.ledger:8091");
  }

  @Test
  void quietCommitsAreSetAndCheckedByKey() {
    final Map<String, String> on = minimal();
    on.put(LedgerConfig.COMMIT_QUIET_MS, "5");
    on.put(LedgerConfig.COMMIT_QUIET_MAX_RECORDS, "64");
    assertThat(LedgerConfig.fromMap(on).quietCommit())
        .isEqualTo(new QuietCommit.Policy(Duration.ofMillis(5), 64));
    final Map<String, String> bad = minimal();
    bad.put(LedgerConfig.COMMIT_QUIET_MS, "-1");
    bad.put(LedgerConfig.COMMIT_QUIET_MAX_RECORDS, "0");
    assertThatThrownBy(() -> LedgerConfig.fromMap(bad))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactlyInAnyOrder(
            LedgerConfig.COMMIT_QUIET_MS, LedgerConfig.COMMIT_QUIET_MAX_RECORDS));
  }

  @Test
  void envNamesFollowTheKey() {
    assertThat(LedgerConfig.envName("bootstrap.servers")).isEqualTo("COFFER_LEDGER_BOOTSTRAP_SERVERS");
    assertThat(LedgerConfig.envName("rocksdb.block.cache.bytes")).isEqualTo("COFFER_LEDGER_ROCKSDB_BLOCK_CACHE_BYTES");
  }

  @Test
  void propertiesFilesWorkToo() throws IOException {
    final Path file = write("ledger.properties", """
        bootstrap.servers=localhost:9092
        registry.url=http://localhost:8080/apis/ccompat/v7
        replication.factor=1
        min.insync.replicas=1
        http.port=0
        """);
    final LedgerConfig config = LedgerConfig.load(file, Map.of());
    assertThat(config.streams().replicationFactor()).isEqualTo((short) 1);
    assertThat(config.httpPort()).isZero();
  }

  @Test
  void missingRequiredKeysAreNamed() throws IOException {
    final Path file = write("ledger.yaml", "application.id: x\n");
    assertThatThrownBy(() -> LedgerConfig.load(file, Map.of()))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactly(
            "bootstrap.servers", "registry.url"))
        .hasMessageContaining("bootstrap.servers: is required (in the file, or as COFFER_LEDGER_BOOTSTRAP_SERVERS)")
        .hasMessageContaining("registry.url: is required (in the file, or as COFFER_LEDGER_REGISTRY_URL)");
  }

  @Test
  void badValuesNameTheKeyAndWhereTheValueCameFrom() throws IOException {
    final Path file = write("ledger.yaml", MINIMAL_YAML + """
        num.stream.threads: many
        commit.interval.ms: 0
        http.port: 70000
        """);
    final Map<String, String> env = Map.of("COFFER_LEDGER_REPLICATION_FACTOR", "-1",
        "COFFER_LEDGER_REGISTRY_URL", "localhost:8080");

    assertThatThrownBy(() -> LedgerConfig.load(file, env))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactly(
            "commit.interval.ms", "http.port", "num.stream.threads", "registry.url", "replication.factor"))
        .hasMessageContaining("num.stream.threads (file ledger.yaml): 'many' is not a whole number")
        .hasMessageContaining("replication.factor (env COFFER_LEDGER_REPLICATION_FACTOR): must be between 1")
        .hasMessageContaining(
            "registry.url (env COFFER_LEDGER_REGISTRY_URL): 'localhost:8080' is not an absolute http(s) URL");
  }

  @Test
  void crossKeyRulesNameTheDependentKey() {
    final Map<String, String> m = minimal();
    m.put("replication.factor", "1");
    m.put("min.insync.replicas", "2");
    m.put("rocksdb.block.cache.bytes", "16MiB");
    m.put("rocksdb.write.buffer.bytes", "16MiB");
    assertThatThrownBy(() -> LedgerConfig.fromMap(m))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactly(
            "min.insync.replicas", "rocksdb.write.buffer.bytes"))
        .hasMessageContaining("min.insync.replicas: must not exceed replication.factor (1)");
  }

  @Test
  void typosAreErrorsNotIgnored() throws IOException {
    final Path file = write("ledger.yaml", MINIMAL_YAML + "replication.factr: 3\n");
    assertThatThrownBy(() -> LedgerConfig.load(file, Map.of("COFFER_LEDGER_BOOTSTRAP_SERVER", "x:1")))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactly(
            "COFFER_LEDGER_BOOTSTRAP_SERVER", "replication.factr"))
        .hasMessageContaining("replication.factr (file ledger.yaml): unknown key");
  }

  @Test
  void kafkaPassThroughMayNotWeakenTheLedger() {
    final Map<String, String> m = minimal();
    m.put("kafka.processing.guarantee", "at_least_once");
    m.put("kafka.producer.acks", "1");
    m.put("kafka.main.consumer.isolation.level", "read_uncommitted");
    m.put("kafka.num.stream.threads", "8");
    m.put("kafka.security.protocol", "SASL_SSL");
    assertThatThrownBy(() -> LedgerConfig.fromMap(m))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactly(
            "kafka.main.consumer.isolation.level", "kafka.num.stream.threads", "kafka.processing.guarantee",
            "kafka.producer.acks"))
        .hasMessageContaining("kafka.num.stream.threads: may not be overridden; it is set by the ledger "
            + "(use the key num.stream.threads)");
  }

  @Test
  void badEnumsAndDurationsListTheChoices() {
    final Map<String, String> m = minimal();
    m.put("uncaught.exception.policy", "retry");
    m.put("max.state.bytes", "a lot");
    m.put("application.server", "no-port");
    assertThatThrownBy(() -> LedgerConfig.fromMap(m))
        .isInstanceOfSatisfying(LedgerConfigException.class, e -> assertThat(e.keys()).containsExactly(
            "application.server", "max.state.bytes", "uncaught.exception.policy"))
        .hasMessageContaining("'retry' is not one of [SHUTDOWN_CLIENT, REPLACE_THREAD, SHUTDOWN_APPLICATION]");
  }

  @Test
  void policyIsCaseInsensitive() {
    final Map<String, String> m = minimal();
    m.put("uncaught.exception.policy", "replace-thread");
    final LedgerConfig config = LedgerConfig.fromMap(m);
    assertThat(config.uncaughtExceptionPolicy()).isEqualTo(UncaughtExceptionPolicy.REPLACE_THREAD);
  }

  @Test
  void singleBrokerSettingsValidateWithOneBrokersDurability() {
    final LedgerConfig config = LedgerConfig.fromMap(
        LedgerConfig.singleBroker("127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7", "one-broker", dir));

    assertThat(config.applicationId()).isEqualTo("one-broker");
    assertThat(config.streams().replicationFactor()).isEqualTo((short) 1);
    assertThat(config.minInsyncReplicas()).isEqualTo(1);
    assertThat(config.streams().numStandbyReplicas()).isZero();
  }
}
