package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.Instance;
import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.inventory.InventoryCodecs;
import dev.coffer.ledger.inventory.Inventory;
import dev.coffer.ledger.store.CanonicalReader;
import dev.coffer.ledger.store.CanonicalWriter;
import dev.coffer.ledger.store.Formats;
import dev.coffer.ledger.store.StoreCodec;
import dev.coffer.ledger.wallet.BalanceMove;
import dev.coffer.ledger.wallet.Wallet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The canonical encodings of the fold's two store values: a {@link PlayerState} and a
 * {@link LoggedEvent}. Deterministic bytes (sorted maps, a leading format byte), so a replay into an
 * empty application yields byte-identical stores.
 */
public final class FoldCodecs {
  private FoldCodecs() {
  }

  /** The {@code player-state} value: version, purchase count, erased, balances, active instances. */
  public static final class PlayerStateCodec extends StoreCodec<PlayerState> {
    private static final int FORMAT = 1;

    @Override
    public byte[] encode(final PlayerState value) {
      final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT)
          .writeLong(value.version())
          .writeInt(value.purchaseCount())
          .writeBoolean(value.erased())
          .writeAmounts(value.wallet().balances())
          .writeInt(value.inventory().size());
      value.inventory().instances().values().forEach(instance -> InventoryCodecs.writeInstance(out, instance));
      return out.toByteArray();
    }

    @Override
    public PlayerState decode(final byte[] bytes) {
      final CanonicalReader in = new CanonicalReader(bytes);
      Formats.expect(in, FORMAT, "player state");
      final long version = in.readLong();
      final int purchaseCount = in.readInt();
      final boolean erased = in.readBoolean();
      final Wallet wallet = Wallet.of(in.readAmounts());
      final int count = in.readCount();
      final TreeMap<String, Instance> instances = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        final Instance instance = InventoryCodecs.readInstance(in);
        instances.put(instance.instanceId(), instance);
      }
      in.expectEnd();
      return new PlayerState(version, purchaseCount, erased, wallet, Inventory.of(instances));
    }
  }

  /** The {@code player-events} value: fingerprint, outcome (moves in the order the rules made them), purchase. */
  public static final class LoggedEventCodec extends StoreCodec<LoggedEvent> {
    private static final int FORMAT = 1;

    @Override
    public byte[] encode(final LoggedEvent value) {
      final RecordedOutcome outcome = value.outcome();
      final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT)
          .writeNullableString(value.fingerprint())
          .writeString(outcome.eventId())
          .writeString(outcome.eventType())
          .writeBoolean(outcome.applied())
          .writeNullableString(outcome.reason())
          .writeNullableString(outcome.message())
          .writeLong(outcome.version())
          .writeInt(outcome.balances().size());
      for (final BalanceMove move : outcome.balances()) {
        out.writeString(move.currency()).writeLong(move.delta()).writeLong(move.balance());
      }
      out.writeInt(outcome.instances().size());
      for (final InstanceMove move : outcome.instances()) {
        out.writeLong(move.delta());
        InventoryCodecs.writeInstance(out, move.instance());
      }
      out.writeBoolean(value.purchase() != null);
      if (value.purchase() != null) {
        InventoryCodecs.writePurchase(out, value.purchase());
      }
      return out.toByteArray();
    }

    @Override
    public LoggedEvent decode(final byte[] bytes) {
      final CanonicalReader in = new CanonicalReader(bytes);
      Formats.expect(in, FORMAT, "logged event");
      final String fingerprint = in.readNullableString();
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
        instances.add(new InstanceMove(delta, InventoryCodecs.readInstance(in)));
      }
      final LoggedEvent logged = new LoggedEvent(fingerprint, new RecordedOutcome(eventId, eventType, applied, reason,
          message, version, balances, instances), in.readBoolean() ? InventoryCodecs.readPurchase(in) : null);
      in.expectEnd();
      return logged;
    }
  }
}
