package dev.coffer.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Kafka and the schema registry run for tests and the local stack: in this JVM and a child JVM
 * ({@link #inProcess()}, the default), or in Docker containers of the images
 * {@code deploy/images/build-local.sh} builds ({@link #containers()}, through Testcontainers).
 *
 * <p>{@link #configured()} picks one by the system property {@value #PROPERTY} or the environment
 * variable {@value #ENV}: {@code in-process} or {@code containers}. The Maven profile {@code containers}
 * sets it for the integration tests ({@code ./mvnw -B verify -Pcontainers}).
 */
public interface Infrastructure {
  /** System property choosing the infrastructure of {@link #configured()}. */
  String PROPERTY = "coffer.infrastructure";
  /** Environment variable choosing the infrastructure of {@link #configured()} (the property wins). */
  String ENV = "COFFER_INFRASTRUCTURE";

  /**
   * Starts a cluster of {@code brokers} brokers on random loopback ports with throw-away storage,
   * internal topics replicated as far as the cluster allows.
   */
  KafkaCluster startKafka(int brokers);

  /**
   * Starts one combined broker and controller serving {@code 127.0.0.1:port}, its log under
   * {@code dataDir}: formatted on the first start, resumed by later ones.
   *
   * @param controllerPort the KRaft controller's port where the broker runs on this machine's network;
   *     a container keeps its controller inside
   */
  KafkaCluster startPersistentKafka(Path dataDir, int port, int controllerPort);

  /** Starts a registry as {@code options} describe (port, storage folder, log file, heap, deadline). */
  RegistryServer startRegistry(EmbeddedRegistry.Builder options);

  /** A short description for logs ({@code in-process}, {@code containers coffer/kafka:4.4.0 ...}). */
  String describe();

  /** The broker in this JVM ({@link EmbeddedKafka}) and Apicurio as a child JVM ({@link EmbeddedRegistry}). */
  static Infrastructure inProcess() {
    return InProcessInfrastructure.INSTANCE;
  }

  /**
   * Kafka and Apicurio in Docker containers, started through Testcontainers (which must be on the
   * class path: it is an optional dependency of this module). Needs a running Docker engine and the
   * images of {@code deploy/images/build-local.sh}; nothing is pulled.
   */
  static Infrastructure containers() {
    return ContainerInfrastructure.create();
  }

  /** The infrastructure {@value #PROPERTY} (or {@value #ENV}) names; {@link #inProcess()} if neither is set. */
  static Infrastructure configured() {
    final String choice = Optional.ofNullable(System.getProperty(PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(ENV)))
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).orElse("in-process");
    return switch (choice) {
      case "in-process" -> inProcess();
      case "containers" -> containers();
      default -> throw new IllegalArgumentException(PROPERTY + " (or " + ENV
          + ") must be in-process or containers, got '"
          + choice + "'");
    };
  }
}
