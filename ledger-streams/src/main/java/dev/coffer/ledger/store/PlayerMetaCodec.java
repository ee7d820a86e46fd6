package dev.coffer.ledger.store;

import dev.coffer.ledger.fold.PlayerMeta;

/** The canonical encoding of a {@link PlayerMeta}. */
public final class PlayerMetaCodec extends StoreCodec<PlayerMeta> {
  private static final int FORMAT = 1;

  @Override
  public byte[] encode(final PlayerMeta value) {
    return new CanonicalWriter().writeByte(FORMAT).writeLong(value.version()).writeInt(value.purchaseCount())
        .writeBoolean(value.erased()).toByteArray();
  }

  @Override
  public PlayerMeta decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    Formats.expect(in, FORMAT, "player");
    final PlayerMeta meta = new PlayerMeta(in.readLong(), in.readInt(), in.readBoolean());
    in.expectEnd();
    return meta;
  }
}
