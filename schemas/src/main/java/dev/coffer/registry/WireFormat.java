package dev.coffer.registry;

import java.io.ByteArrayOutputStream;

/** The 5-byte header of the Confluent wire format: magic byte 0, then the big-endian schema id. */
final class WireFormat {
  static final byte MAGIC_BYTE = 0;
  static final int HEADER_SIZE = 5;

  private WireFormat() {
  }

  static void writeHeader(final ByteArrayOutputStream out, final int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  static int schemaId(final byte[] bytes) {
    return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8)
        | (bytes[4] & 0xff);
  }
}
