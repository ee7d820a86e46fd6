package dev.coffer.projections.wallet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A player's wallet as the read model holds it: every currency the player ever held, with the
 * version of the last change to it. Immutable; {@link #apply} returns a new one.
 *
 * @param version the player's version after the last event that changed the wallet
 * @param balances one entry per currency, ordered by currency code
 */
public record Wallet(long version, List<Balance> balances) {
  /** The wallet of a player with no balance yet. */
  public static final Wallet EMPTY = new Wallet(0, List.of());

  public Wallet {
    balances = List.copyOf(balances);
  }

  /**
   * The wallet after an event's balance moves. Each move carries the balance after it, so applying
   * the same moves twice gives the same wallet.
   *
   * @param moves the event's moves
   * @param eventVersion the player's version after the event
   * @return the new wallet
   */
  public Wallet apply(final List<BalanceMove> moves, final long eventVersion) {
    final Map<String, Balance> byCurrency = new TreeMap<>();
    balances.forEach(b -> byCurrency.put(b.currency(), b));
    moves.forEach(m -> byCurrency.put(m.currency(), Balance.of(m.currency(), m.balance())));
    return new Wallet(eventVersion, List.copyOf(byCurrency.values()));
  }
}
