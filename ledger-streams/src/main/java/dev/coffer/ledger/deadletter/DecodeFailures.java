package dev.coffer.ledger.deadletter;

import dev.coffer.registry.NotWireFormatException;
import dev.coffer.registry.RegistryUnavailableException;
import dev.coffer.registry.SchemaRegistryException;
import dev.coffer.registry.UndecodableRecordException;
import dev.coffer.registry.UnknownSchemaIdException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a record that can never be decoded (dead-letter it) from a failure that may pass or that is
 * the deployment's fault (an unreachable registry, a refused credential, Avro's trusted-packages
 * check): those fail the task, so the record is retried after the fix instead of being shelved.
 */
public final class DecodeFailures {
  private DecodeFailures() {
  }

  /**
   * Whether decoding failed because of the bytes themselves.
   *
   * @param failure what the value deserializer threw
   * @return true for bad bytes, false for a failure outside the record
   */
  public static boolean isPermanent(final RuntimeException failure) {
    if (failure instanceof NotWireFormatException || failure instanceof UndecodableRecordException
        || failure instanceof UnknownSchemaIdException) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryUnavailableException || cause instanceof SchemaRegistryException
          || cause instanceof SecurityException || cause instanceof IOException && !(cause instanceof EOFException)) {
        return false;
      }
    }
    return failure instanceof SerializationException || failure instanceof AvroRuntimeException
        || failure instanceof IllegalArgumentException || failure instanceof IndexOutOfBoundsException
        || failure instanceof BufferUnderflowException || failure instanceof ClassCastException
        || failure instanceof NegativeArraySizeException;
  }
}
