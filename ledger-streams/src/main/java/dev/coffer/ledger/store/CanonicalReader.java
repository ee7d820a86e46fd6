package dev.coffer.ledger.store;

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
    need(1);
    return buffer.get();
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
    need(Integer.BYTES);
    return buffer.getInt();
  }

  /** Reads a long. */
  public long readLong() {
    need(Long.BYTES);
    return buffer.getLong();
  }

  /** Reads a string. */
  public String readString() {
    // Decoded in place: no copy of the bytes first.
    final int length = readLength();
    final String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
        StandardCharsets.UTF_8);
    buffer.position(buffer.position() + length);
    return value;
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
    final int length = readLength();
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

  /** How many bytes were read so far: where the next value starts. */
  public int position() {
    return buffer.position();
  }

  /** Fails unless every byte was read. */
  public void expectEnd() {
    if (buffer.hasRemaining()) {
      throw new SerializationException(buffer.remaining() + " trailing bytes");
    }
  }

  private int readLength() {
    final int length = readInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new SerializationException("bad length " + length + " with " + buffer.remaining() + " bytes left");
    }
    return length;
  }

  /** Fails as a truncated value unless {@code bytes} more can be read (not a bare BufferUnderflowException). */
  private void need(final int bytes) {
    if (buffer.remaining() < bytes) {
      throw new SerializationException("truncated value: " + bytes + " bytes needed, " + buffer.remaining() + " left");
    }
  }
}
