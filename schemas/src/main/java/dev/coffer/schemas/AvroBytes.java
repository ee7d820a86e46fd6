package dev.coffer.schemas;

import java.nio.ByteBuffer;

/**
 * Avro's {@code bytes} fields, as the generated classes hand them out ({@link ByteBuffer}s), turned into arrays.
 */
public final class AvroBytes {
  private AvroBytes() {
  }

  /**
   * The remaining bytes of {@code buffer}, copied without moving its position: a record's field may be read
   * more than once (a retried process, a second view of the same record).
   *
   * @param buffer an Avro {@code bytes} value; nullable (optional fields)
   * @return a new array, or {@code null} for {@code null}
   */
  public static byte[] copyOf(final ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    final ByteBuffer view = buffer.duplicate();
    final byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
