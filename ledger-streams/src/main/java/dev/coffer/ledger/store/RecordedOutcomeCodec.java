package dev.coffer.ledger.store;

import dev.coffer.ledger.fold.RecordedOutcome;
import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.wallet.BalanceMove;
import java.util.ArrayList;
import java.util.List;

/** The canonical encoding of a {@link RecordedOutcome}: moves in the order the rules made them. */
public final class RecordedOutcomeCodec extends StoreCodec<RecordedOutcome> {
  private static final int FORMAT = 1;

  @Override
  public byte[] encode(final RecordedOutcome value) {
    final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT)
        .writeString(value.eventId())
        .writeString(value.eventType())
        .writeBoolean(value.applied())
        .writeNullableString(value.reason())
        .writeNullableString(value.message())
        .writeLong(value.version())
        .writeInt(value.balances().size());
    for (final BalanceMove move : value.balances()) {
      out.writeString(move.currency()).writeLong(move.delta()).writeLong(move.balance());
    }
    out.writeInt(value.instances().size());
    for (final InstanceMove move : value.instances()) {
      out.writeLong(move.delta());
      InventoryCodec.writeInstance(out, move.instance());
    }
    return out.toByteArray();
  }

  @Override
  public RecordedOutcome decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    Formats.expect(in, FORMAT, "outcome");
    final String eventId = in.readString();
    final String eventType = in.readString();
    final boolean applied = in.readBoolean();
    final String reason = in.readNullableString();
    final String message = in.readNullableString();
    final long version = in.readLong();
    final int balanceCount = in.readCount();
    final List<BalanceMove> balances = new ArrayList<>(balanceCount);
    for (int i = 0; i < balanceCount; i++) {
      balances.add(new BalanceMove(in.readString(), in.readLong(), in.readLong()));
    }
    final int instanceCount = in.readCount();
    final List<InstanceMove> instances = new ArrayList<>(instanceCount);
    for (int i = 0; i < instanceCount; i++) {
      final long delta = in.readLong();
      instances.add(new InstanceMove(delta, InventoryCodec.readInstance(in)));
    }
    in.expectEnd();
    return new RecordedOutcome(eventId, eventType, applied, reason, message, version, balances, instances);
  }
}
