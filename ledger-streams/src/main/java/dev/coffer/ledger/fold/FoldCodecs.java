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

  /**
   * The {@code player-state} value: version, purchase count, erased, balances, active instances. Each thread that
   * encodes keeps a {@link StateMemo} of what it encoded and decoded, so that the fold's read, size check and put
   * of one player's state decode and encode it once, and an unchanged inventory not at all. One instance serves
   * the store and the fold.
   */
  public static final class PlayerStateCodec extends StoreCodec<PlayerState> {
    private static final int FORMAT = 1;
    /** Room for an instance's encoding, to size the writer once (ids, item, store names: ~130 bytes). */
    private static final int INSTANCE_BYTES = 192;
    /** Each stream thread's memo holds at most this many bytes of encoded states. */
    static final long MEMO_BYTES = 4L << 20;

    private final long memoBytes;
    /** Only threads that encode (stream threads) get a memo; a thread that only reads never does. */
    private final ThreadLocal<StateMemo> memos = new ThreadLocal<>();

    /** A codec whose stream threads each remember up to {@link #MEMO_BYTES} of encoded states. */
    public PlayerStateCodec() {
      this(MEMO_BYTES);
    }

    PlayerStateCodec(final long memoBytes) {
      this.memoBytes = memoBytes;
    }

    @Override
    public byte[] encode(final PlayerState value) {
      StateMemo memo = memos.get();
      if (memo == null) {
        memo = new StateMemo(memoBytes);
        memos.set(memo);
      }
      final byte[] known = memo.bytesOf(value);
      if (known != null) {
        return known;
      }
      final int expected = 64 + 32 * value.wallet().balances().size() + INSTANCE_BYTES * value.inventory().size();
      final CanonicalWriter out = new CanonicalWriter(expected).writeByte(FORMAT)
          .writeLong(value.version())
          .writeInt(value.purchaseCount())
          .writeBoolean(value.erased())
          .writeAmounts(value.wallet().balances());
      final int inventoryAt = out.size();
      final StateMemo.Known section = memo.sectionOf(value.inventory());
      if (section != null) {
        // The same inventory object as one just read or written: its section is these bytes.
        out.append(section.bytes(), section.inventoryAt(), section.inventoryLength());
      } else {
        out.writeInt(value.inventory().size());
        value.inventory().instances().values().forEach(instance -> InventoryCodecs.writeInstance(out, instance));
      }
      final byte[] bytes = out.toByteArray();
      memo.encoded(new StateMemo.Known(value, bytes, inventoryAt));
      return bytes;
    }

    @Override
    public PlayerState decode(final byte[] bytes) {
      final StateMemo memo = memos.get();
      final PlayerState known = memo == null ? null : memo.stateOf(bytes);
      if (known != null) {
        return known;
      }
      final CanonicalReader in = new CanonicalReader(bytes);
      Formats.expect(in, FORMAT, "player state");
      final long version = in.readLong();
      final int purchaseCount = in.readInt();
      final boolean erased = in.readBoolean();
      final Wallet wallet = Wallet.of(in.readAmounts());
      final int inventoryAt = in.position();
      final int count = in.readCount();
      final TreeMap<String, Instance> instances = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        final Instance instance = InventoryCodecs.readInstance(in);
        instances.put(instance.instanceId(), instance);
      }
      in.expectEnd();
      final PlayerState state = new PlayerState(version, purchaseCount, erased, wallet, Inventory.of(instances));
      if (memo != null) {
        memo.decoded(new StateMemo.Known(state, bytes, inventoryAt));
      }
      return state;
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
