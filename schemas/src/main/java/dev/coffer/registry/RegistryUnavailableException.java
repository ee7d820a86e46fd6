package dev.coffer.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when the schema registry could not be reached, or kept answering with a server error or {@code 429}, through every retry within the bound. The message names the registry URL, the subject or schema id, the attempts made and the last failure.
 */
public class RegistryUnavailableException extends SerializationException {
  /** An exception with the given message. */
  public RegistryUnavailableException(final String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public RegistryUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
