package dev.coffer.ledger.fold;

import static dev.coffer.ledger.Events.inOrder;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.dedupe.DedupeRecord;
import dev.coffer.ledger.dedupe.DedupeRecordCodec;
import dev.coffer.ledger.inventory.InstanceIds;
import dev.coffer.ledger.inventory.Inventory;
import dev.coffer.ledger.inventory.ItemAmount;
import dev.coffer.ledger.inventory.ProductKind;
import dev.coffer.ledger.wallet.Wallet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FoldCodecsTest {
  private static TestPlayer richPlayer() {
    final TestPlayer player = new TestPlayer();
    player.apply(new Command.Purchase("e1", 1000, "test", "t1", null, "pack", "sku", ProductKind.CONSUMABLE, 2, null,
        false, Grants.of(Map.of("gems", 10L), List.of(new ItemAmount("potion", 2)))));
    player.apply(new Command.Purchase("e2", 2000, "test", "t2", null, "vip", "sku.vip", ProductKind.SUBSCRIPTION, 1,
        9000L, false, Grants.NONE));
    player.apply(new Command.Consume("e3", 3000, InstanceIds.derive("e1", 0), null, 1,
        Grants.of(Map.of("hp", 4L), List.of(new ItemAmount("key", 1)))));
    player.apply(new Command.Erase("e4", 4000));
    return player;
  }

  @Test
  void everyStoreValueRoundTrips() {
    final TestPlayer player = richPlayer();
    final PlayerState state = player.state();
    final Decision decision = player.apply(new Command.Revoke("e5", 5000, "test", "t1"));
    final RecordedOutcome outcome = new RecordedOutcome("e5", "PURCHASE_REVOKED", true, null, null, 5,
        decision.balances(), decision.instances());
    final LoggedEvent logged = new LoggedEvent("ab".repeat(32), outcome, player.purchase("test", "t1"));
    final LoggedEvent bare = new LoggedEvent(null, new RecordedOutcome("e6", "CURRENCY_SPENT", false,
        "INSUFFICIENT_FUNDS", "no", 5, List.of(), List.of()), null);
    final DedupeRecord record = new DedupeRecord("e1", "ab".repeat(32), "app", "p1", 42);
    final FoldCodecs.PlayerStateCodec states = new FoldCodecs.PlayerStateCodec();
    final FoldCodecs.LoggedEventCodec events = new FoldCodecs.LoggedEventCodec();
    final DedupeRecordCodec receipts = new DedupeRecordCodec();

    assertThat(state.erased()).isTrue();
    assertThat(state.inventory().size()).isEqualTo(3);
    assertThat(player.purchase("test", "t1").consumeCredits()).containsEntry("hp", 4L);
    assertThat(states.decode(states.encode(state))).isEqualTo(state);
    assertThat(events.decode(events.encode(logged))).isEqualTo(logged);
    assertThat(events.decode(events.encode(bare))).isEqualTo(bare);
    assertThat(receipts.decode(receipts.encode(record))).isEqualTo(record);
  }

  @Test
  void aStateIsEncodedOnceForTheSizeCheckAndThePut() throws Exception {
    final PlayerState state = richPlayer().state();
    final FoldCodecs.PlayerStateCodec states = new FoldCodecs.PlayerStateCodec();
    final byte[] checked = states.encode(state);
    // The store's put (its serializer is the same codec) gets the very bytes the size check made.
    assertThat(states.serializer().serialize("t", state)).isSameAs(checked);
    // An equal state that is another object is encoded anew, to the same bytes.
    final PlayerState copy = new FoldCodecs.PlayerStateCodec().decode(checked);
    final byte[] again = states.encode(copy);
    assertThat(again).isNotSameAs(checked).isEqualTo(checked);
    // Another thread (another stream thread) has its own memo.
    final byte[][] other = new byte[1][];
    final Thread thread = new Thread(() -> other[0] = states.encode(copy));
    thread.start();
    thread.join();
    assertThat(other[0]).isNotSameAs(again).isEqualTo(checked);
  }

  @Test
  void theArrayAPutGaveTheStoreDecodesToTheStateThatWasPut() {
    final PlayerState state = richPlayer().state();
    final FoldCodecs.PlayerStateCodec states = new FoldCodecs.PlayerStateCodec();
    final byte[] put = states.encode(state);
    // Streams' record cache hands the put's array back to the next get: no decoding.
    assertThat(states.decode(put)).isSameAs(state);
    // Equal bytes in another array (read from RocksDB, restored) are decoded: an equal, new state.
    final PlayerState fromDisk = states.decode(put.clone());
    assertThat(fromDisk).isNotSameAs(state).isEqualTo(state);
  }

  @Test
  void anUnchangedInventoryEncodesToTheBytesOfAFullEncoding() {
    final TestPlayer player = richPlayer();
    final FoldCodecs.PlayerStateCodec states = new FoldCodecs.PlayerStateCodec();
    final FoldCodecs.PlayerStateCodec fresh = new FoldCodecs.PlayerStateCodec();
    final PlayerState read = states.decode(fresh.encode(player.state()));
    // What a spend or a coins-only grant makes: a new wallet and version, the same inventory object.
    final PlayerState spent = new PlayerState(read.version() + 1, read.purchaseCount(), read.erased(),
        Wallet.of(Map.of("gems", 3L, "zeta", 1L)), read.inventory());
    final byte[] reused = states.encode(spent);
    assertThat(reused).isEqualTo(fresh.encode(new PlayerState(spent.version(), spent.purchaseCount(), spent.erased(),
        spent.wallet(), new FoldCodecs.PlayerStateCodec().decode(fresh.encode(player.state())).inventory())));
    assertThat(fresh.decode(reused.clone())).isEqualTo(spent);
  }

  @Test
  void theMemoHoldsNoMoreBytesThanItsBudget() {
    final PlayerState one = richPlayer().state();
    final PlayerState two = new PlayerState(one.version() + 1, one.purchaseCount(), one.erased(), one.wallet(),
        one.inventory());
    final int size = new FoldCodecs.PlayerStateCodec().encode(one).length;
    // Room for one state: encoding the second forgets the first.
    final FoldCodecs.PlayerStateCodec states = new FoldCodecs.PlayerStateCodec(size + 10);
    final byte[] first = states.encode(one);
    final byte[] second = states.encode(two);
    assertThat(states.decode(second)).isSameAs(two);
    assertThat(states.decode(first)).isNotSameAs(one).isEqualTo(one);
    // No room at all: nothing is kept but the last encoding, for the put that follows its size check.
    final FoldCodecs.PlayerStateCodec none = new FoldCodecs.PlayerStateCodec(0);
    final byte[] bytes = none.encode(one);
    assertThat(none.encode(one)).isSameAs(bytes);
    assertThat(none.decode(bytes)).isNotSameAs(one).isEqualTo(one);
  }

  @Test
  void encodingIsCanonicalWhateverTheMapOrder() {
    final Map<String, Long> ab = inOrder(entry("a", 1L), entry("b", 2L));
    final Map<String, Long> ba = inOrder(entry("b", 2L), entry("a", 1L));
    final FoldCodecs.PlayerStateCodec codec = new FoldCodecs.PlayerStateCodec();

    assertThat(codec.encode(new PlayerState(1, 0, false, Wallet.of(ab), Inventory.EMPTY)))
        .isEqualTo(codec.encode(new PlayerState(1, 0, false, Wallet.of(ba), Inventory.EMPTY)));
    assertThat(codec.encode(richPlayer().state())).isEqualTo(codec.encode(richPlayer().state()));
  }

  @Test
  void truncatedOrForeignBytesFailLoudly() {
    final FoldCodecs.PlayerStateCodec codec = new FoldCodecs.PlayerStateCodec();
    final byte[] bytes = codec.encode(richPlayer().state());

    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> codec.decode(new byte[] {9})).isInstanceOf(SerializationException.class);
  }
}
