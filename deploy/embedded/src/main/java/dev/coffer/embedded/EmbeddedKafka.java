package dev.coffer.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka KRaft cluster in this JVM, bound to 127.0.0.1.
 *
 * <p>Two flavours:
 * <ul>
 *   <li>{@link #startCluster(int)}: 1 or 3 brokers on random ports with throw-away storage, for tests
 *       (Kafka's own {@code KafkaClusterTestKit});</li>
 *   <li>{@link #startPersistent(Path, int, int)}: one combined broker and controller on a fixed port
 *       whose data folder survives restarts, for the local stack.</li>
 * </ul>
 * Closing shuts the cluster down cleanly.
 */
public final class EmbeddedKafka implements KafkaCluster {
  /**
   * How often the broker aborts transactions past their timeout (10 s by default). A ledger instance killed
   * mid-transaction blocks read_committed readers of every partition it wrote until then, so this bounds a
   * failover (the ledger's transaction.timeout.ms is 5 s): compose and Kubernetes set the same.
   */
  static final String TXN_CLEANUP_INTERVAL = "transaction.abort.timed.out.transaction.cleanup.interval.ms";
  static final String TXN_CLEANUP_INTERVAL_MS = "1000";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final int brokerCount;
  private final Closer closer;
  private final KafkaClusterTestKit cluster;
  private boolean closed;

  /** What shuts a flavour down. */
  @FunctionalInterface
  private interface Closer {
    void close() throws Exception;
  }

  private EmbeddedKafka(final String bootstrapServers, final int brokerCount, final Closer closer,
                        final KafkaClusterTestKit cluster) {
    this.bootstrapServers = bootstrapServers;
    this.cluster = cluster;
    this.brokerCount = brokerCount;
    this.closer = closer;
  }

  /**
   * Starts a cluster of {@code brokers} combined broker/controller-capable nodes on random loopback
   * ports (one controller), storage under {@code java.io.tmpdir}, deleted on close. With one broker
   * the internal topics use replication factor 1.
   *
   * @param brokers 1 or more (3 gives a real replicated cluster)
   */
  public static EmbeddedKafka startCluster(final int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, got " + brokers);
    }
    final long started = System.nanoTime();
    final TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(brokers).setNumControllerNodes(1).build();
    final KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    final int internalReplication = Math.min(brokers, 3);
    builder.setConfigProp("offsets.topic.replication.factor", Integer.toString(internalReplication))
        .setConfigProp("transaction.state.log.replication.factor", Integer.toString(internalReplication))
        .setConfigProp("transaction.state.log.min.isr", Integer.toString(Math.min(brokers, 2)))
        .setConfigProp("share.coordinator.state.topic.replication.factor",
            Integer.toString(internalReplication))
        .setConfigProp("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(brokers, 2)))
        // Tests join groups one member at a time: waiting 3 s for more members only slows them.
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        // Brokers are unfenced on a heartbeat: a shorter interval makes a fresh cluster ready sooner.
        .setConfigProp("broker.heartbeat.interval.ms", "500")
        .setConfigProp(TXN_CLEANUP_INTERVAL, TXN_CLEANUP_INTERVAL_MS);
    final KafkaClusterTestKit cluster;
    try {
      cluster = builder.build();
    } catch (final Exception e) {
      throw new IllegalStateException("cannot configure a " + brokers + "-broker test cluster", e);
    }
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (final Exception e) {
      closeAfterFailure(cluster::close, e);
      throw new IllegalStateException("the " + brokers + "-broker test cluster did not start", e);
    }
    final EmbeddedKafka kafka = new EmbeddedKafka(cluster.bootstrapServers(), brokers, cluster::close, cluster);
    LOG.info("Kafka test cluster of {} broker(s) ready at {} in {} ms", brokers, kafka.bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return kafka;
  }

  /**
   * Starts one combined broker and controller on fixed loopback ports with its log under
   * {@code dataDir}. The folder is formatted on the first start only; later starts resume from it,
   * topics and offsets intact.
   *
   * @param dataDir the broker's own folder (created if missing)
   * @param port the client port (the local stack uses 9092)
   * @param controllerPort the KRaft controller port (the local stack uses 9093)
   */
  public static EmbeddedKafka startPersistent(final Path dataDir, final int port, final int controllerPort) {
    final long started = System.nanoTime();
    final Path logDir = dataDir.toAbsolutePath().resolve("log");
    final Properties props = persistentConfig(logDir, port, controllerPort);
    try {
      Files.createDirectories(logDir);
      // Written for the operator's benefit (and StorageTool reads it): what this broker runs with.
      final Path propsFile = dataDir.toAbsolutePath().resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(propsFile)) {
        props.store(out, "Written by Coffer's EmbeddedKafka at every start; edits are overwritten");
      }
      if (Files.exists(logDir.resolve("meta.properties"))) {
        LOG.info("Kafka data folder {} is formatted: resuming", logDir);
      } else {
        format(propsFile);
        LOG.info("Kafka data folder {} formatted", logDir);
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka data folder " + logDir, e);
    }
    final KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    final Closer stop = () -> {
      server.shutdown();
      server.awaitShutdown();
    };
    final String bootstrap = "127.0.0.1:" + port;
    try {
      server.startup();
      awaitBrokerAnswers(bootstrap);
    } catch (final RuntimeException e) {
      closeAfterFailure(stop, e);
      throw new IllegalStateException("the Kafka broker on port " + port + " (controller port "
          + controllerPort + ", data " + logDir + ") did not start: is the port taken, or is another"
          + " broker using the data folder?", e);
    }
    LOG.info("Kafka broker ready at {} in {} ms", bootstrap,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedKafka(bootstrap, 1, stop, null);
  }

  private static Properties persistentConfig(final Path logDir, final int port, final int controllerPort) {
    final Map<String, String> config = new TreeMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("log.dirs", logDir.toString());
    // One broker: every internal topic gets a single replica.
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    // The broker is unfenced on a heartbeat: a shorter interval makes it ready sooner.
    config.put("broker.heartbeat.interval.ms", "500");
    // Coffer's topics are created explicitly (TopicInstaller); a typo must not create a topic.
    config.put("auto.create.topics.enable", "false");
    config.put(TXN_CLEANUP_INTERVAL, TXN_CLEANUP_INTERVAL_MS);
    final Properties props = new Properties();
    props.putAll(config);
    return props;
  }

  private static void format(final Path propsFile) {
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final int status;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
          "--config", propsFile.toString()}, out);
    } catch (final Exception e) {
      throw new IllegalStateException("formatting the Kafka storage with " + propsFile + " failed: "
          + captured.toString(StandardCharsets.UTF_8).strip(), e);
    }
    if (status != 0) {
      throw new IllegalStateException("formatting the Kafka storage with " + propsFile + " failed (status "
          + status + "): " + captured.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** The broker may report started before it answers metadata requests; wait until it does. */
  private static void awaitBrokerAnswers(final String bootstrap) {
    final Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker at " + bootstrap, e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "the broker at %s did not answer within %d s", bootstrap, READY_TIMEOUT.toSeconds()), e);
    }
  }

  private static void closeAfterFailure(final Closer closer, final Exception cause) {
    try {
      closer.close();
    } catch (final Exception e) {
      cause.addSuppressed(e);
    }
  }

  /** {@code host:port} list for {@code bootstrap.servers}. */
  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How many brokers the cluster has. */
  @Override
  public int brokerCount() {
    return brokerCount;
  }

  /**
   * Stops one broker of a test cluster at once, as a crashed node: its replicas drop out of the ISR
   * and leadership moves to the others. For fault tests; the cluster's close shuts the rest down.
   *
   * @param nodeId the broker's node id (0 is also the controller: stop 1 or 2 of a 3-broker cluster)
   * @throws IllegalStateException for the fixed-port single broker, or an unknown node
   */
  @Override
  public void stopBroker(final int nodeId) {
    if (cluster == null || !cluster.brokers().containsKey(nodeId)) {
      throw new IllegalStateException("no broker " + nodeId + " in this cluster");
    }
    cluster.brokers().get(nodeId).shutdown();
    LOG.info("Kafka broker {} of {} stopped", nodeId, bootstrapServers);
  }

  /** Shuts the cluster down and waits for it; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    final long started = System.nanoTime();
    try {
      closer.close();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while shutting Kafka down at " + bootstrapServers, e);
    } catch (final Exception e) {
      throw new IllegalStateException("shutting Kafka down at " + bootstrapServers + " failed", e);
    }
    LOG.info("Kafka at {} shut down in {} ms", bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }
}
