package dev.coffer.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when the schema registry refuses a schema for a subject: it is incompatible with earlier versions ({@code 409}), invalid ({@code 422}), or, for a lookup without auto-registration, not registered at all. The message carries the registry's own explanation.
 */
public class SchemaRejectedException extends SerializationException {
  /** An exception with the given message. */
  public SchemaRejectedException(final String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public SchemaRejectedException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
