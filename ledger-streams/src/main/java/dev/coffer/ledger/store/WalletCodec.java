package dev.coffer.ledger.store;

import dev.coffer.ledger.wallet.Wallet;

/** The canonical encoding of a {@link Wallet}: format byte, then balances sorted by currency. */
public final class WalletCodec extends StoreCodec<Wallet> {
  private static final int FORMAT = 1;

  @Override
  public byte[] encode(final Wallet value) {
    return new CanonicalWriter().writeByte(FORMAT).writeAmounts(value.balances()).toByteArray();
  }

  @Override
  public Wallet decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    Formats.expect(in, FORMAT, "wallet");
    final Wallet wallet = Wallet.of(in.readAmounts());
    in.expectEnd();
    return wallet;
  }
}
