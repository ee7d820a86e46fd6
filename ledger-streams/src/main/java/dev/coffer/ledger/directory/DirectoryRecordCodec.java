package dev.coffer.ledger.directory;

import dev.coffer.ledger.store.CanonicalReader;
import dev.coffer.ledger.store.CanonicalWriter;
import dev.coffer.ledger.store.Formats;
import dev.coffer.ledger.store.StoreCodec;

/** The encoding of a {@link DirectoryRecord} in the {@code player-directory} store. */
final class DirectoryRecordCodec extends StoreCodec<DirectoryRecord> {
  private static final int FORMAT = 1;

  @Override
  public byte[] encode(final DirectoryRecord value) {
    final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT).writeBoolean(value.erased())
        .writeLong(value.since());
    if (!value.erased()) {
      out.writeString(value.playerRef()).writeBytes(value.wrappedKey());
    }
    return out.toByteArray();
  }

  @Override
  public DirectoryRecord decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    Formats.expect(in, FORMAT, "directory record");
    final boolean erased = in.readBoolean();
    final long since = in.readLong();
    final DirectoryRecord record = erased ? DirectoryRecord.erasedAt(since)
        : DirectoryRecord.active(in.readString(), in.readBytes(), since);
    in.expectEnd();
    return record;
  }
}
