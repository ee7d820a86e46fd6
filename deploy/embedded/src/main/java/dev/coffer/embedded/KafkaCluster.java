package dev.coffer.embedded;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A running Kafka cluster that tests and the local stack talk to through {@link #bootstrapServers()}:
 * in this JVM ({@link EmbeddedKafka}) or in a Docker container ({@link Infrastructure#containers()}).
 */
public interface KafkaCluster extends AutoCloseable {
  /** {@code host:port} list for {@code bootstrap.servers}, reachable from this machine's loopback. */
  String bootstrapServers();

  /** How many brokers the cluster has. */
  int brokerCount();

  /** A new Admin client for this cluster; the caller closes it. */
  default Admin createAdmin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /**
   * Stops one broker at once, as a crashed node, for fault tests on a multi-broker cluster.
   *
   * @param nodeId the broker's node id
   * @throws IllegalStateException if this cluster cannot stop one broker (a single node, a container)
   */
  default void stopBroker(final int nodeId) {
    throw new IllegalStateException("this cluster (" + bootstrapServers() + ") cannot stop broker " + nodeId);
  }

  /** Shuts the cluster down and waits for it; idempotent. */
  @Override
  void close();
}
