package dev.coffer.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when a framed record names a schema id the registry does not know: the record was written
 * against another registry, or the registry lost its data. The message names the topic (when known)
 * and the id.
 */
public class UnknownSchemaIdException extends SerializationException {
  private final int schemaId;

  /** An exception for {@code schemaId} with the given message. */
  public UnknownSchemaIdException(final String message, final int schemaId) {
    super(message);
    this.schemaId = schemaId;
  }

  /** An exception for {@code schemaId} with the given message and cause. */
  public UnknownSchemaIdException(final String message, final int schemaId, final Throwable cause) {
    super(message, cause);
    this.schemaId = schemaId;
  }

  /** The schema id the registry does not know. */
  public int schemaId() {
    return schemaId;
  }
}
