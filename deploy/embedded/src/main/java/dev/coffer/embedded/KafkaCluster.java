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

  /** Shuts the cluster down and waits for it; idempotent. */
  @Override
  void close();
}
