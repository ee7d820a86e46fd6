package dev.coffer.embedded;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * One KRaft node of the {@code coffer/kafka} image in a container, combined broker and controller, for
 * {@link ContainerInfrastructure}: the host reaches it at 127.0.0.1 on the published port.
 */
final class KafkaNode extends GenericContainer<KafkaNode> {
  /** The broker port inside the container. */
  static final int KAFKA_PORT = 9092;
  private static final String ADVERTISED_FILE = "/tmp/coffer-advertised.properties";
  private static final Duration READY = Duration.ofSeconds(90);

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
    env.put("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:" + KAFKA_PORT
        + ",BROKER://localhost:9094,CONTROLLER://localhost:9093");
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
    withEnv(env).withImagePullPolicy(name -> false).withLabel(ContainerInfrastructure.LABEL, "kafka")
        .withExposedPorts(KAFKA_PORT)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
            .withPortBindings(ContainerInfrastructure.loopback(KAFKA_PORT, hostPort)))
        .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(READY));
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
