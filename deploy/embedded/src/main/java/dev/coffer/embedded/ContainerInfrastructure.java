package dev.coffer.embedded;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Kafka (one KRaft node) and Apicurio Registry in Docker containers, through Testcontainers, from the
 * images {@code deploy/images/build-local.sh} builds: {@code coffer/kafka:<kafka version>} and
 * {@code coffer/apicurio-registry:<apicurio version>} (other names by the system properties
 * {@value #KAFKA_IMAGE_PROPERTY} and {@value #REGISTRY_IMAGE_PROPERTY}). Images are never pulled.
 *
 * <p>Every port is published on 127.0.0.1 only. Ryuk, Testcontainers' reaper, is expected to be off
 * ({@code TESTCONTAINERS_RYUK_DISABLED=true}: its image is not on a machine without a registry), so
 * each container is stopped by {@code close()} and, should the JVM end first, by a shutdown hook.
 */
final class ContainerInfrastructure implements Infrastructure {
  /** System property naming the Kafka image. */
  static final String KAFKA_IMAGE_PROPERTY = "coffer.containers.kafka-image";
  /** System property naming the registry image. */
  static final String REGISTRY_IMAGE_PROPERTY = "coffer.containers.registry-image";
  /** Label on every container this kit starts, so that leftovers can be found. */
  static final String LABEL = "dev.coffer.test-kit";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerInfrastructure.class);
  private static final int KAFKA_PORT = 9092;
  private static final int REGISTRY_PORT = 8080;
  private static final int REGISTRY_MANAGEMENT_PORT = 9000;
  private static final String ADVERTISED_FILE = "/tmp/coffer-advertised.properties";
  private static final Duration KAFKA_READY = Duration.ofSeconds(90);
  private static final int STOP_SECONDS = 20;

  private final String kafkaImage;
  private final String registryImage;

  private ContainerInfrastructure(final String kafkaImage, final String registryImage) {
    this.kafkaImage = kafkaImage;
    this.registryImage = registryImage;
  }

  static ContainerInfrastructure create() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory");
    } catch (final ClassNotFoundException e) {
      throw new IllegalStateException("Infrastructure.containers() needs org.testcontainers:testcontainers on the"
          + " class path (the modules' \"containers\" Maven profile adds it)", e);
    }
    // Each would pull an image from Docker Hub: Ryuk's, and alpine for the startup checks and (where this
    // JVM itself runs in a container) for finding the engine's address. Refuse early and say why, rather
    // than wait two minutes for a pull that cannot succeed.
    final TestcontainersConfiguration config = TestcontainersConfiguration.getInstance();
    if (!"true".equalsIgnoreCase(config.getEnvVarOrProperty("ryuk.disabled", "false"))
        || !config.isDisableChecks() || config.getEnvVarOrProperty("host.override", null) == null) {
      throw new IllegalStateException("set TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_CHECKS_DISABLE=true and"
          + " TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (the containers Maven profile does): otherwise Testcontainers"
          + " pulls images of its own");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException("no Docker engine answers (DOCKER_HOST or /var/run/docker.sock): start dockerd,"
          + " or run the tests in-process (without -Pcontainers)");
    }
    final ContainerInfrastructure infrastructure = new ContainerInfrastructure(
        System.getProperty(KAFKA_IMAGE_PROPERTY, "coffer/kafka:" + AppInfoParser.getVersion()),
        System.getProperty(REGISTRY_IMAGE_PROPERTY, "coffer/apicurio-registry:" + ApicurioDistribution.builtVersion()));
    requireImage(infrastructure.kafkaImage);
    requireImage(infrastructure.registryImage);
    return infrastructure;
  }

  private static void requireImage(final String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
    } catch (final NotFoundException e) {
      throw new IllegalStateException("the image " + image + " is not in the Docker engine; build it with"
          + " deploy/images/build-local.sh (nothing is pulled)", e);
    }
  }

  @Override
  public String describe() {
    return "containers " + kafkaImage + " " + registryImage;
  }

  @Override
  public KafkaCluster startKafka(final int brokers) {
    if (brokers != 1) {
      throw new IllegalArgumentException("the container infrastructure runs one broker, not " + brokers
          + "; deploy/compose runs three (deploy/cluster-test)");
    }
    final KafkaNode node = new KafkaNode(kafkaImage, 0, null);
    return start(node, () -> "127.0.0.1:" + node.getMappedPort(KAFKA_PORT));
  }

  @Override
  public KafkaCluster startPersistentKafka(final Path dataDir, final int port, final int controllerPort) {
    final Path logDir = dataDir.toAbsolutePath().resolve("log");
    openToContainers(logDir);
    final KafkaNode node = new KafkaNode(kafkaImage, port, logDir);
    return start(node, () -> "127.0.0.1:" + port);
  }

  private static KafkaCluster start(final KafkaNode node, final Supplier<String> bootstrap) {
    final long started = System.nanoTime();
    final Running running = Running.start(node, "Kafka");
    final String servers = bootstrap.get();
    LOG.info("Kafka container {} ({}) ready at {} in {} ms", node.getContainerId().substring(0, 12),
        node.getDockerImageName(), servers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new KafkaCluster() {
      @Override
      public String bootstrapServers() {
        return servers;
      }

      @Override
      public int brokerCount() {
        return 1;
      }

      @Override
      public void close() {
        running.close();
      }
    };
  }

  @Override
  public RegistryServer startRegistry(final EmbeddedRegistry.Builder options) {
    final long started = System.nanoTime();
    final GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(registryImage))
        .withImagePullPolicy(name -> false)
        .withLabel(LABEL, "registry")
        .withExposedPorts(REGISTRY_PORT, REGISTRY_MANAGEMENT_PORT)
        // Small and short-lived on a shared machine: cheap GC, quick JIT, as the child-JVM registry.
        .withEnv("JDK_JAVA_OPTIONS", "-Xmx" + options.maxHeap()
            + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError")
        .withEnv("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false")
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
            loopback(REGISTRY_PORT, options.port()), loopback(REGISTRY_MANAGEMENT_PORT, 0)))
        .waitingFor(Wait.forHttp("/health/ready").forPort(REGISTRY_MANAGEMENT_PORT).forStatusCode(200)
            .withStartupTimeout(options.startupTimeout()));
    if (options.storageDir() != null) {
      // Schemas kept in an H2 file on the host, as the child-JVM registry does: ids survive a restart.
      final Path storage = options.storageDir().toAbsolutePath();
      openToContainers(storage);
      registry.withFileSystemBind(storage.toString(), "/var/lib/apicurio/data", BindMode.READ_WRITE)
          .withEnv("APICURIO_DATASOURCE_URL", "jdbc:h2:file:/var/lib/apicurio/data/registry");
    }
    final Path logFile = logFile(options.logFile(), "registry");
    registry.withLogConsumer(new LogFile(logFile));
    final Running running = Running.start(registry, "the registry (log " + logFile + ")");
    final String url = "http://127.0.0.1:" + registry.getMappedPort(REGISTRY_PORT) + "/apis/ccompat/v7";
    LOG.info("Registry container {} ({}) ready at {} in {} ms, log {}", registry.getContainerId().substring(0, 12),
        registryImage, url, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile);
    return new RegistryServer() {
      @Override
      public String confluentUrl() {
        return url;
      }

      @Override
      public void close() {
        running.close();
      }
    };
  }

  /** One KRaft node, combined broker and controller; the host sees it at 127.0.0.1 on the published port. */
  private static final class KafkaNode extends GenericContainer<KafkaNode> {
    private final int hostPort;

    /**
     * @param hostPort the port published on 127.0.0.1, 0 for a free one
     * @param logDir a host folder for the broker's log (kept across starts), or null for the container's own
     */
    KafkaNode(final String image, final int hostPort, final Path logDir) {
      super(DockerImageName.parse(image));
      this.hostPort = hostPort;
      final Map<String, String> env = new TreeMap<>();
      env.put("KAFKA_NODE_ID", "1");
      env.put("KAFKA_PROCESS_ROLES", "broker,controller");
      env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093");
      // PLAINTEXT is what the host reaches through the published port; the broker's calls to itself
      // (transaction verification, for one) go to BROKER, whose advertised address works inside.
      env.put("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:" + KAFKA_PORT + ",BROKER://localhost:9094,CONTROLLER://localhost:9093");
      env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
      env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "BROKER");
      env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
      // One broker: every internal topic gets a single replica (as EmbeddedKafka's).
      env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
      env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
      env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
      env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1");
      env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
      env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
      env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
      env.put("KAFKA_BROKER_HEARTBEAT_INTERVAL_MS", "500");
      env.put("KAFKA_HEAP_OPTS", "-Xmx512m");
      env.put("KAFKA_JVM_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
      if (hostPort == 0) {
        // The published port is known only once the container runs: containerIsStarting writes it.
        env.put("KAFKA_CONFIG_WAIT_FILE", ADVERTISED_FILE);
      } else {
        env.put("KAFKA_ADVERTISED_LISTENERS", advertised(hostPort));
      }
      withEnv(env).withImagePullPolicy(name -> false).withLabel(LABEL, "kafka").withExposedPorts(KAFKA_PORT)
          .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(loopback(KAFKA_PORT, hostPort)))
          .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(KAFKA_READY));
      if (logDir != null) {
        withFileSystemBind(logDir.toString(), "/var/lib/kafka/data", BindMode.READ_WRITE);
      }
    }

    private static String advertised(final int hostPort) {
      return "PLAINTEXT://127.0.0.1:" + hostPort + ",BROKER://localhost:9094";
    }

    @Override
    protected void containerIsStarting(final InspectContainerResponse info) {
      if (hostPort == 0) {
        copyFileToContainer(Transferable.of("advertised.listeners=" + advertised(getMappedPort(KAFKA_PORT)) + "\n"),
            ADVERTISED_FILE);
      }
    }
  }

  /** A started container: stopped gracefully, then removed, by close() or by the JVM's shutdown. */
  private static final class Running {
    private final GenericContainer<?> container;
    private final Thread hook;
    private boolean closed;

    private Running(final GenericContainer<?> container) {
      this.container = container;
      this.hook = new Thread(this::stop, "coffer-container-stopper");
    }

    static Running start(final GenericContainer<?> container, final String what) {
      final Running running = new Running(container);
      // Before start: a JVM that ends during startup still removes the container.
      Runtime.getRuntime().addShutdownHook(running.hook);
      try {
        container.start();
      } catch (final RuntimeException e) {
        running.close();
        throw new IllegalStateException("the container of " + what + " did not start", e);
      }
      return running;
    }

    synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException e) {
        // The JVM is shutting down and the hook is stopping the container.
        LOG.debug("JVM shutting down; the shutdown hook stops the container", e);
        return;
      }
      stop();
    }

    private void stop() {
      final String id = container.getContainerId();
      if (id != null && container.isRunning()) {
        try {
          // SIGTERM first: a broker that shuts down cleanly restarts without log recovery.
          container.getDockerClient().stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
        } catch (final RuntimeException e) {
          LOG.warn("Stopping container {} gracefully failed; removing it", id, e);
        }
      }
      container.stop();
    }
  }

  /** Container output appended to a file on the host. */
  private static final class LogFile implements Consumer<OutputFrame> {
    private final Path file;

    LogFile(final Path file) {
      this.file = file;
    }

    @Override
    public synchronized void accept(final OutputFrame frame) {
      if (frame.getBytes() == null) {
        return;
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(frame.getBytes());
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot append to " + file, e);
      }
    }
  }

  private static PortBinding loopback(final int containerPort, final int hostPort) {
    return new PortBinding(hostPort == 0 ? Ports.Binding.bindIp("127.0.0.1")
        : Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), ExposedPort.tcp(containerPort));
  }

  private static Path logFile(final Path configured, final String prefix) {
    try {
      if (configured != null) {
        Files.createDirectories(configured.toAbsolutePath().getParent());
        return configured;
      }
      return Files.createTempFile("coffer-" + prefix + "-container-", ".log");
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create the log file of the " + prefix + " container", e);
    }
  }

  /** A host folder the containers' own users (not this process's) may write into. */
  private static void openToContainers(final Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    } catch (final IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("cannot open " + dir + " to the containers' users", e);
    }
  }
}
