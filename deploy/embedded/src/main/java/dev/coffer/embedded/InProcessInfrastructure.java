package dev.coffer.embedded;

import java.nio.file.Path;

/** Kafka in this JVM, Apicurio as a child JVM: what every test and the local stack use by default. */
final class InProcessInfrastructure implements Infrastructure {
  static final InProcessInfrastructure INSTANCE = new InProcessInfrastructure();

  private InProcessInfrastructure() {
  }

  @Override
  public KafkaCluster startKafka(final int brokers) {
    return EmbeddedKafka.startCluster(brokers);
  }

  @Override
  public KafkaCluster startPersistentKafka(final Path dataDir, final int port, final int controllerPort) {
    return EmbeddedKafka.startPersistent(dataDir, port, controllerPort);
  }

  @Override
  public RegistryServer startRegistry(final EmbeddedRegistry.Builder options) {
    return options.start();
  }

  @Override
  public String describe() {
    return "in-process";
  }
}
