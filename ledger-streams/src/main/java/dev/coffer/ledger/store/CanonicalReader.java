package dev.coffer.ledger.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link CanonicalWriter} wrote; a truncated or malformed value fails loudly. */
public final class CanonicalReader {
  private final ByteBuffer buffer;

  /** A reader over {@code bytes}. */
  public CanonicalReader(final byte[] bytes) {
    this.buffer = ByteBuffer.wrap(bytes);
  }

  /** Reads a byte. */
  public int readByte() {
    return guard(() -> (int) buffer.get());
  }

  /** Reads a boolean. */
  public boolean readBoolean() {
    final int b = readByte();
    if (b != 0 && b != 1) {
      throw new SerializationException("bad boolean byte " + b);
    }
    return b == 1;
  }

  /** Reads an int. */
  public int readInt() {
    return guard(buffer::getInt);
  }

  /** Reads a long. */
  public long readLong() {
    return guard(buffer::getLong);
  }

  /** Reads a string. */
  public String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  /** Reads a nullable string. */
  public String readNullableString() {
    return readBoolean() ? readString() : null;
  }

  /** Reads a nullable long. */
  public Long readNullableLong() {
    return readBoolean() ? readLong() : null;
  }

  /** Reads a nullable enum by name. */
  public <E extends Enum<E>> E readNullableEnum(final Function<String, E> valueOf) {
    final String name = readNullableString();
    return name == null ? null : valueOf.apply(name);
  }

  /** Reads length-prefixed bytes. */
  public byte[] readBytes() {
    final int length = readInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new SerializationException("bad length " + length + " with " + buffer.remaining() + " bytes left");
    }
    final byte[] value = new byte[length];
    buffer.get(value);
    return value;
  }

  /** Reads a map of string to long. */
  public SortedMap<String, Long> readAmounts() {
    final int size = readCount();
    final TreeMap<String, Long> amounts = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      amounts.put(readString(), readLong());
    }
    return amounts;
  }

  /** Reads a non-negative element count. */
  public int readCount() {
    final int size = readInt();
    if (size < 0) {
      throw new SerializationException("negative count " + size);
    }
    return size;
  }

  /** Fails unless every byte was read. */
  public void expectEnd() {
    if (buffer.hasRemaining()) {
      throw new SerializationException(buffer.remaining() + " trailing bytes");
    }
  }

  private static <T> T guard(final java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (final BufferUnderflowException e) {
      throw new SerializationException("truncated value", e);
    }
  }
}
