package dev.coffer.embedded;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
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
  private static final int REGISTRY_PORT = 8080;
  private static final int REGISTRY_MANAGEMENT_PORT = 9000;

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
    return start(node, () -> "127.0.0.1:" + node.getMappedPort(KafkaNode.KAFKA_PORT));
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
    final RunningContainer running = RunningContainer.start(node, "Kafka");
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
    registry.withLogConsumer(new RunningContainer.LogFile(logFile));
    final RunningContainer running = RunningContainer.start(registry, "the registry (log " + logFile + ")");
    final String url = "http://127.0.0.1:" + registry.getMappedPort(REGISTRY_PORT) + "/apis/ccompat/v7";
    LOG.info("Registry container {} ({}) ready at {} in {} ms, log {}", registry.getContainerId().substring(0, 12),
        registryImage, url, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile);
    return new RegistryServer() {
      @Override
      public String confluentUrl() {
        return url;
      }

      @Override
      public void freeze() {
        running.pause();
      }

      @Override
      public void resume() {
        running.unpause();
      }

      @Override
      public void close() {
        running.close();
      }
    };
  }

  static PortBinding loopback(final int containerPort, final int hostPort) {
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
