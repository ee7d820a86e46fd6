package dev.coffer.ledger.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes values in Coffer's canonical store encoding: big-endian fixed-width numbers, strings as
 * length-prefixed UTF-8, a presence byte before nullable values, enums by name, maps sorted by key.
 * The same value always gives the same bytes, so stores of two replays compare byte for byte.
 */
public final class CanonicalWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
  private final DataOutputStream out = new DataOutputStream(bytes);

  /** Writes a byte (format versions, tags). */
  public CanonicalWriter writeByte(final int value) {
    return write(() -> out.writeByte(value));
  }

  /** Writes a boolean as one byte. */
  public CanonicalWriter writeBoolean(final boolean value) {
    return write(() -> out.writeBoolean(value));
  }

  /** Writes an int, 4 bytes. */
  public CanonicalWriter writeInt(final int value) {
    return write(() -> out.writeInt(value));
  }

  /** Writes a long, 8 bytes. */
  public CanonicalWriter writeLong(final long value) {
    return write(() -> out.writeLong(value));
  }

  /** Writes a non-null string. */
  public CanonicalWriter writeString(final String value) {
    final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return write(() -> {
      out.writeInt(utf8.length);
      out.write(utf8);
    });
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
    return write(() -> {
      out.writeInt(value.length);
      out.write(value);
    });
  }

  /** Appends what another writer wrote, as it is (no length prefix): the same bytes as writing it here. */
  public CanonicalWriter append(final byte[] written) {
    return write(() -> out.write(written));
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
    return bytes.toByteArray();
  }

  private CanonicalWriter write(final IoAction action) {
    try {
      action.run();
    } catch (final IOException e) {
      // A ByteArrayOutputStream never fails; keep the cause if it ever does.
      throw new UncheckedIOException(e);
    }
    return this;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
