package dev.coffer.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when a record's header is valid but its Avro body cannot be decoded with the writer schema
 * the header names (truncated or corrupt bytes, trailing garbage, or a writer schema that cannot be
 * resolved against the reader's). The message names the topic and the schema id.
 */
public class UndecodableRecordException extends SerializationException {
  private final int schemaId;

  /** An exception for a body written with {@code schemaId}, with the given message and cause. */
  public UndecodableRecordException(final String message, final int schemaId, final Throwable cause) {
    super(message, cause);
    this.schemaId = schemaId;
  }

  /** The writer schema id named in the record's header. */
  public int schemaId() {
    return schemaId;
  }
}
