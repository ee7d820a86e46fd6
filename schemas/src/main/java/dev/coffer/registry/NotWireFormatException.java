package dev.coffer.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when bytes read from a topic are not in the Confluent wire format: too short for the 5-byte header, or not starting with the magic byte {@code 0}. The message names the topic, the first byte and the length.
 */
public class NotWireFormatException extends SerializationException {
  /** An exception with the given message. */
  public NotWireFormatException(final String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public NotWireFormatException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
