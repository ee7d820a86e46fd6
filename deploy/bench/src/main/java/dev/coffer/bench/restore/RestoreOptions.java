package dev.coffer.bench.restore;

import java.util.Map;

/**
 * The shape of one restore run.
 *
 * @param players players whose state is built (each gets one currency grant)
 * @param itemEvery every how many players also get two items in their grant (0: none)
 * @param purchaseEvery every how many players make one store purchase, a {@code receipts} key (0: none)
 * @param loadPerSecond the light load kept up while the standby failover happens (grants to existing players),
 *     so the killed instance dies with a transaction open, as it would in production
 * @param heap the instances' {@code -Xmx}
 * @param quickStart whether the instances' JVMs stop at the C1 compiler (start faster, run slower: tests)
 * @param ledgerSettings further ledger configuration keys for both instances (e.g. {@code kafka.*} timeouts)
 */
public record RestoreOptions(int players, int itemEvery, int purchaseEvery, int loadPerSecond, String heap,
                             boolean quickStart, Map<String, String> ledgerSettings) {
  public RestoreOptions {
    if (players < 1) {
      throw new IllegalArgumentException("players must be at least 1, got " + players);
    }
    ledgerSettings = Map.copyOf(ledgerSettings);
  }

  /** The measurement's defaults: a million players, a third with items, a fifth with a purchase. */
  public static RestoreOptions defaults() {
    return new RestoreOptions(1_000_000, 3, 5, 200, "768m", false, Map.of());
  }

  /** The test suite's run: {@code players} players, the rest as {@link #defaults()} but small, quick JVMs. */
  public static RestoreOptions small(final int players) {
    return new RestoreOptions(players, 3, 5, 100, "256m", true, Map.of());
  }
}
