package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStack;
import dev.coffer.ledger.it.LedgerModel.Expected;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.ItemInstance;
import dev.coffer.schemas.state.WalletChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one ledger application wrote for one tenant, read back from its output topics (committed
 * records only), and the comparison with {@link LedgerModel}.
 *
 * @param outcomes every outcome record of the tenant, in partition order
 * @param wallets per player key, the latest balance of every currency it ever changed
 * @param inventories per player key, the latest state of every instance (item, quantity, status)
 */
record LedgerResults(List<LedgerOutcome> outcomes, Map<String, TreeMap<String, Long>> wallets,
                     Map<String, TreeMap<String, String>> inventories) {

  /** Reads the tenant's outcomes (waiting for {@code expected} of them), wallet and inventory changes. */
  static LedgerResults read(final CofferStack stack, final RestSchemaRegistry registry, final LedgerIt.Topics topics,
                            final String appId, final int expected, final Duration timeout) {
    final String tenant = appId + "|";
    final List<LedgerOutcome> outcomes = LedgerIt.readAll(stack, topics.outcomes(), LedgerIt.strings(),
        LedgerIt.avro(registry, LedgerOutcome.class), expected, r -> r.key().startsWith(tenant), timeout, true)
        .stream().filter(r -> r.key().startsWith(tenant)).map(ConsumerRecord::value).toList();
    // Outcomes commit in the same transactions as the state changes: these are complete now.
    final Map<String, TreeMap<String, Long>> wallets = new HashMap<>();
    for (final ConsumerRecord<String, WalletChange> r : LedgerIt.readAll(stack, topics.walletChanges(),
        LedgerIt.strings(), LedgerIt.avro(registry, WalletChange.class), 0, x -> true, timeout, true)) {
      if (r.key().startsWith(tenant)) {
        for (final BalanceChange b : r.value().getBalances()) {
          wallets.computeIfAbsent(r.key(), k -> new TreeMap<>()).put(b.getCurrency(), b.getBalance());
        }
      }
    }
    final Map<String, TreeMap<String, String>> inventories = new HashMap<>();
    for (final ConsumerRecord<String, InventoryChange> r : LedgerIt.readAll(stack, topics.inventoryChanges(),
        LedgerIt.strings(), LedgerIt.avro(registry, InventoryChange.class), 0, x -> true, timeout, true)) {
      if (r.key().startsWith(tenant)) {
        for (final InstanceChange c : r.value().getInstances()) {
          final ItemInstance i = c.getInstance();
          inventories.computeIfAbsent(r.key(), k -> new TreeMap<>())
              .put(i.getInstanceId(), describe(i.getItemId(), i.getQuantity(), i.getStatus().name()));
        }
      }
    }
    return new LedgerResults(outcomes, wallets, inventories);
  }

  private static String describe(final String itemId, final long quantity, final String status) {
    return itemId + " x" + quantity + " " + status;
  }

  /** Outcome counts by status, and by status and reason. */
  static Map<String, Long> counts(final List<String[]> statusAndReason) {
    final Map<String, Long> counts = new TreeMap<>();
    for (final String[] sr : statusAndReason) {
      counts.merge(sr[0], 1L, Long::sum);
      counts.merge(sr[0] + "/" + (sr[1] == null ? "-" : sr[1]), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Asserts that the ledger did exactly what the model says: one outcome per event with the model's
   * status, reason and version; counts by status and reason; per-player versions consecutive;
   * every wallet balance and instance equal.
   */
  void assertMatches(final LedgerModel model) {
    final List<Expected> expected = model.outcomes();
    // Counts first: the clearest failure message when something is systematically off.
    final Map<String, Long> actualCounts = counts(outcomes.stream()
        .map(o -> new String[] {o.getStatus().name(), o.getReason()}).toList());
    final Map<String, Long> expectedCounts = counts(expected.stream()
        .map(e -> new String[] {e.status(), e.reason()}).toList());
    assertThat(actualCounts).as("outcome counts by status and reason").isEqualTo(expectedCounts);

    // Exactly one outcome per event, never two.
    final Map<String, List<LedgerOutcome>> byEvent = outcomes.stream()
        .collect(Collectors.groupingBy(o -> o.getEventId().toString()));
    assertThat(byEvent.values().stream().filter(l -> l.size() > 1).map(l -> l.get(0).getEventId()).toList())
        .as("events with more than one outcome").isEmpty();
    assertThat(byEvent).as("one outcome per event").hasSize(expected.size());

    final List<String> differences = new ArrayList<>();
    for (final Expected e : expected) {
      final List<LedgerOutcome> got = byEvent.get(e.eventId());
      if (got == null) {
        differences.add(e + ": no outcome");
        continue;
      }
      final LedgerOutcome o = got.get(0);
      final boolean same = o.getStatus().name().equals(e.status())
          && java.util.Objects.equals(o.getReason(), e.reason()) && o.getVersion() == e.version();
      if (!same) {
        differences.add("expected " + e + " got " + o.getStatus() + "/" + o.getReason() + " v" + o.getVersion()
            + " (" + o.getMessage() + ")");
      }
    }
    assertThat(differences).as("outcomes that differ from the model (first 20)")
        .satisfies(d -> assertThat(d.subList(0, Math.min(20, d.size()))).isEmpty());

    // Versions: the APPLIED outcomes of each player, in partition order, are 1, 2, 3, ...
    final Map<String, List<Long>> applied = new HashMap<>();
    outcomes.stream().filter(o -> o.getStatus().name().equals(LedgerModel.APPLIED))
        .forEach(o -> applied.computeIfAbsent(o.getAppId() + "|" + o.getPlayerRef(), k -> new ArrayList<>())
            .add(o.getVersion()));
    applied.forEach((player, versions) -> {
      for (int i = 0; i < versions.size(); i++) {
        assertThat(versions.get(i)).as("version %d of %s", i + 1, player).isEqualTo(i + 1L);
      }
      assertThat((long) versions.size()).as("applied events of %s", player)
          .isEqualTo(model.player(player).version);
    });

    final Map<String, TreeMap<String, Long>> expectedWallets = new TreeMap<>();
    final Map<String, TreeMap<String, String>> expectedInventories = new TreeMap<>();
    model.players().forEach((player, state) -> {
      if (!state.wallet.isEmpty()) {
        expectedWallets.put(player, state.wallet);
      }
      if (!state.instances.isEmpty()) {
        final TreeMap<String, String> inv = new TreeMap<>();
        state.instances.values().forEach(i -> inv.put(i.id, describe(i.itemId, i.quantity, i.status)));
        expectedInventories.put(player, inv);
      }
    });
    assertThat(diff(expectedWallets, wallets)).as("wallet balances that differ from the model (first 20)").isEmpty();
    assertThat(diff(expectedInventories, inventories)).as("instances that differ from the model (first 20)")
        .isEmpty();
  }

  /** Per player and key, what differs between expected and actual; at most 20 lines. */
  private static <V> List<String> diff(final Map<String, TreeMap<String, V>> expected,
                                       final Map<String, TreeMap<String, V>> actual) {
    final List<String> lines = new ArrayList<>();
    final TreeMap<String, Boolean> players = new TreeMap<>();
    expected.keySet().forEach(k -> players.put(k, true));
    actual.keySet().forEach(k -> players.put(k, true));
    for (final String player : players.keySet()) {
      final TreeMap<String, V> e = expected.getOrDefault(player, new TreeMap<>());
      final TreeMap<String, V> a = actual.getOrDefault(player, new TreeMap<>());
      final TreeMap<String, Boolean> keys = new TreeMap<>();
      e.keySet().forEach(k -> keys.put(k, true));
      a.keySet().forEach(k -> keys.put(k, true));
      for (final String key : keys.keySet()) {
        if (!java.util.Objects.equals(e.get(key), a.get(key)) && lines.size() < 20) {
          lines.add(player + " " + key + ": expected " + e.get(key) + ", ledger " + a.get(key));
        }
      }
    }
    return lines;
  }
}
