package dev.coffer.embedded;

/**
 * A running schema registry speaking the Confluent Schema Registry REST API: Apicurio Registry as a
 * child JVM ({@link EmbeddedRegistry}) or in a Docker container ({@link Infrastructure#containers()}).
 */
public interface RegistryServer extends AutoCloseable {
  /** The Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}: the registry URL. */
  String confluentUrl();

  /**
   * Freezes the server (SIGSTOP of the process, or a paused container): connections still open, nothing
   * answers, as in an outage where a node hangs. {@link #resume()} undoes it. For fault tests.
   */
  void freeze();

  /** Lets a {@link #freeze() frozen} server go on. */
  void resume();

  /** Stops the server and waits for it; idempotent. */
  @Override
  void close();
}
