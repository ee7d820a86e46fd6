package dev.coffer.ledger.store;

import org.apache.kafka.common.errors.SerializationException;

/** The format version byte every store value starts with. */
public final class Formats {
  private Formats() {
  }

  public static void expect(final CanonicalReader in, final int format, final String what) {
    final int found = in.readByte();
    if (found != format) {
      throw new SerializationException(what + ": unknown store format " + found + ", expected " + format);
    }
  }
}
