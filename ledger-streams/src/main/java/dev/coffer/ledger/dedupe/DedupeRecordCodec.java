package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.store.CanonicalReader;
import dev.coffer.ledger.store.CanonicalWriter;
import dev.coffer.ledger.store.Formats;
import dev.coffer.ledger.store.StoreCodec;

/** The canonical encoding of a {@link DedupeRecord}. */
public final class DedupeRecordCodec extends StoreCodec<DedupeRecord> {
  private static final int FORMAT = 1;

  @Override
  public byte[] encode(final DedupeRecord value) {
    return new CanonicalWriter().writeByte(FORMAT)
        .writeString(value.originalEventId())
        .writeString(value.fingerprint())
        .writeString(value.appId())
        .writeString(value.playerRef())
        .writeLong(value.firstSeenAt())
        .toByteArray();
  }

  @Override
  public DedupeRecord decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    Formats.expect(in, FORMAT, "dedupe record");
    final DedupeRecord record = new DedupeRecord(in.readString(), in.readString(), in.readString(),
        in.readString(), in.readLong());
    in.expectEnd();
    return record;
  }
}
