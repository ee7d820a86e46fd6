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
