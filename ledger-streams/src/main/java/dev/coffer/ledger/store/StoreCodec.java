package dev.coffer.ledger.store;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A canonical encoding of one store value type, usable as a Kafka {@link Serde}. Every encoding
 * starts with a format version byte so a later release can read older values.
 *
 * @param <T> the value type
 */
public abstract class StoreCodec<T> implements Serde<T> {
  /**
   * Encodes a value.
   *
   * @param value a non-null value
   * @return its canonical bytes
   */
  public abstract byte[] encode(T value);

  /**
   * Decodes a value.
   *
   * @param bytes what {@link #encode} wrote
   * @return the value
   */
  public abstract T decode(byte[] bytes);

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
  }

  @Override
  public void close() {
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
