package dev.coffer.ledger.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Writes values in Coffer's canonical store encoding: big-endian fixed-width numbers, strings as
 * length-prefixed UTF-8, a presence byte before nullable values, enums by name, maps sorted by key.
 * The same value always gives the same bytes, so stores of two replays compare byte for byte.
 *
 * <p>Writes into its own growing array, not through {@code DataOutputStream} over a
 * {@code ByteArrayOutputStream}: the fold encodes a player's whole state for every event it applies, and
 * those streams' locked small writes were about a tenth of the stream thread's time (deploy/bench's JFR
 * profile). The bytes are the same ({@code CanonicalWriterTest}). Not thread-safe.
 */
public final class CanonicalWriter {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] bytes;
  private int size;

  /** A writer that starts with room for 128 bytes. */
  public CanonicalWriter() {
    this(128);
  }

  /**
   * A writer that starts with room for {@code capacity} bytes (it grows past them).
   *
   * @param capacity the expected size (the player-state codec estimates it from the counts it will write)
   */
  public CanonicalWriter(final int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  /** Writes a byte (format versions, tags). */
  public CanonicalWriter writeByte(final int value) {
    room(1);
    bytes[size++] = (byte) value;
    return this;
  }

  /** Writes a boolean as one byte. */
  public CanonicalWriter writeBoolean(final boolean value) {
    return writeByte(value ? 1 : 0);
  }

  /** Writes an int, 4 bytes. */
  public CanonicalWriter writeInt(final int value) {
    room(Integer.BYTES);
    INT.set(bytes, size, value);
    size += Integer.BYTES;
    return this;
  }

  /** Writes a long, 8 bytes. */
  public CanonicalWriter writeLong(final long value) {
    room(Long.BYTES);
    LONG.set(bytes, size, value);
    size += Long.BYTES;
    return this;
  }

  /** Writes a non-null string. */
  public CanonicalWriter writeString(final String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a nullable string. */
  public CanonicalWriter writeNullableString(final String value) {
    writeBoolean(value != null);
    return value != null ? writeString(value) : this;
  }

  /** Writes a nullable long. */
  public CanonicalWriter writeNullableLong(final Long value) {
    writeBoolean(value != null);
    return value != null ? writeLong(value) : this;
  }

  /** Writes a nullable enum by name. */
  public CanonicalWriter writeNullableEnum(final Enum<?> value) {
    return writeNullableString(value == null ? null : value.name());
  }

  /** Writes raw bytes, length-prefixed. */
  public CanonicalWriter writeBytes(final byte[] value) {
    writeInt(value.length);
    return append(value);
  }

  /** Appends what another writer wrote, as it is (no length prefix): the same bytes as writing it here. */
  public CanonicalWriter append(final byte[] written) {
    return append(written, 0, written.length);
  }

  /**
   * Appends a section of what another writer wrote, as it is: the same bytes as writing its values here.
   *
   * @param written another writer's bytes
   * @param from where the section starts
   * @param length its length
   */
  public CanonicalWriter append(final byte[] written, final int from, final int length) {
    Objects.checkFromIndexSize(from, length, written.length);
    room(length);
    System.arraycopy(written, from, bytes, size, length);
    size += length;
    return this;
  }

  /** How many bytes were written so far: where the next value starts. */
  public int size() {
    return size;
  }

  /** Writes a sorted map of string to long, in key order. */
  public CanonicalWriter writeAmounts(final SortedMap<String, Long> amounts) {
    writeInt(amounts.size());
    for (final Map.Entry<String, Long> entry : amounts.entrySet()) {
      writeString(entry.getKey());
      writeLong(entry.getValue());
    }
    return this;
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void room(final int more) {
    final int needed = size + more;
    if (needed > bytes.length) {
      // Math.addExact: a value past 2 GiB fails loudly instead of wrapping.
      bytes = Arrays.copyOf(bytes, Math.max(needed, Math.addExact(bytes.length, bytes.length)));
    }
  }
}
