package dev.coffer.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.dedupe.DedupeRecord;
import dev.coffer.ledger.fold.Command;
import dev.coffer.ledger.fold.Decision;
import dev.coffer.ledger.fold.Grants;
import dev.coffer.ledger.fold.LedgerRules;
import dev.coffer.ledger.fold.PlayerMeta;
import dev.coffer.ledger.fold.PlayerState;
import dev.coffer.ledger.fold.RecordedOutcome;
import dev.coffer.ledger.inventory.InstanceIds;
import dev.coffer.ledger.inventory.ItemAmount;
import dev.coffer.ledger.inventory.ProductKind;
import dev.coffer.ledger.wallet.Wallet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoreCodecsTest {
  private static PlayerState richState() {
    PlayerState state = PlayerState.NEW;
    final List<Command> commands = List.of(
        new Command.Purchase("e1", 1000, "test", "t1", null, "pack", "sku", ProductKind.CONSUMABLE, 2, null, false,
            Grants.of(Map.of("gems", 10L), List.of(new ItemAmount("potion", 2)))),
        new Command.Purchase("e2", 2000, "test", "t2", null, "vip", "sku.vip", ProductKind.SUBSCRIPTION, 1, 9000L,
            false, Grants.NONE),
        new Command.Consume("e3", 3000, InstanceIds.derive("e1", 0), null, 1, Grants.of(Map.of("hp", 4L), List.of())));
    for (final Command command : commands) {
      state = LedgerRules.decide(state, command).state();
    }
    return state;
  }

  @Test
  void everyStoreValueRoundTrips() {
    final PlayerState state = richState();
    final WalletCodec wallets = new WalletCodec();
    final InventoryCodec inventories = new InventoryCodec();
    final PlayerMetaCodec players = new PlayerMetaCodec();
    final RecordedOutcomeCodec outcomes = new RecordedOutcomeCodec();
    final DedupeRecordCodec dedupe = new DedupeRecordCodec();
    final Decision decision = LedgerRules.decide(state, new Command.Revoke("e4", 4000, "test", "t1"));
    final RecordedOutcome outcome = new RecordedOutcome("e4", "PURCHASE_REVOKED", true, null, null, 4,
        decision.balances(), decision.instances());
    final DedupeRecord record = new DedupeRecord("e1", "ab".repeat(32), "app", "p1", 42);

    assertThat(wallets.decode(wallets.encode(state.wallet()))).isEqualTo(state.wallet());
    assertThat(inventories.decode(inventories.encode(state.inventory()))).isEqualTo(state.inventory());
    assertThat(players.decode(players.encode(new PlayerMeta(7, 3, true)))).isEqualTo(new PlayerMeta(7, 3, true));
    assertThat(outcomes.decode(outcomes.encode(outcome))).isEqualTo(outcome);
    assertThat(dedupe.decode(dedupe.encode(record))).isEqualTo(record);
  }

  @Test
  void encodingIsCanonicalWhateverTheMapOrder() {
    final Map<String, Long> ab = new LinkedHashMap<>();
    ab.put("a", 1L);
    ab.put("b", 2L);
    final Map<String, Long> ba = new LinkedHashMap<>();
    ba.put("b", 2L);
    ba.put("a", 1L);
    final WalletCodec codec = new WalletCodec();

    assertThat(codec.encode(Wallet.of(ab))).isEqualTo(codec.encode(Wallet.of(ba)));
    assertThat(new InventoryCodec().encode(richState().inventory()))
        .isEqualTo(new InventoryCodec().encode(richState().inventory()));
  }

  @Test
  void truncatedOrForeignBytesFailLoudly() {
    final byte[] bytes = new WalletCodec().encode(Wallet.of(Map.of("gems", 5L)));

    assertThatThrownBy(() -> new WalletCodec().decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> new WalletCodec().decode(new byte[] {9})).isInstanceOf(SerializationException.class);
  }
}
