package dev.coffer.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when the schema registry answers with an error this client does not retry and that has no more specific exception (for example {@code 401}, {@code 403} or a malformed answer). The message names the URL, the HTTP status and the registry's message.
 */
public class SchemaRegistryException extends SerializationException {
  /** An exception with the given message. */
  public SchemaRegistryException(final String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public SchemaRegistryException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
