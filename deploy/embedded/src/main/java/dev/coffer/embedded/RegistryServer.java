package dev.coffer.embedded;

/**
 * A running schema registry speaking the Confluent Schema Registry REST API: Apicurio Registry as a
 * child JVM ({@link EmbeddedRegistry}) or in a Docker container ({@link Infrastructure#containers()}).
 */
public interface RegistryServer extends AutoCloseable {
  /** The Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}: the registry URL. */
  String confluentUrl();

  /** Stops the server and waits for it; idempotent. */
  @Override
  void close();
}
