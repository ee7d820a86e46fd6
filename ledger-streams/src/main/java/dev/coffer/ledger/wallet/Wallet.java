package dev.coffer.ledger.wallet;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A player's balances: currency code to amount in the currency's smallest unit. Immutable and
 * sorted by currency, so it iterates and encodes the same way on every replay. Only
 * {@link WalletRules} makes a changed wallet; everything else reads.
 */
public final class Wallet {
  /** No balances. */
  public static final Wallet EMPTY = new Wallet(new TreeMap<>());

  private final SortedMap<String, Long> balances;

  private Wallet(final TreeMap<String, Long> balances) {
    this.balances = Collections.unmodifiableSortedMap(balances);
  }

  /**
   * A wallet holding {@code balances} (as restored from a store).
   *
   * @param balances currency to balance
   * @return the wallet
   */
  public static Wallet of(final Map<String, Long> balances) {
    final TreeMap<String, Long> copy = new TreeMap<>();
    balances.forEach((currency, amount) -> copy.put(Objects.requireNonNull(currency, "currency"),
        Objects.requireNonNull(amount, "amount")));
    return new Wallet(copy);
  }

  /** The balance of {@code currency}; zero if the player never held it. */
  public long balance(final String currency) {
    return balances.getOrDefault(currency, 0L);
  }

  /** Every balance the player ever held, sorted by currency (read-only). */
  public SortedMap<String, Long> balances() {
    return balances;
  }

  /** A wallet with {@code currency} set to {@code amount}: only the rules of this package call it. */
  Wallet with(final String currency, final long amount) {
    final TreeMap<String, Long> copy = new TreeMap<>(balances);
    copy.put(currency, amount);
    return new Wallet(copy);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Wallet other && balances.equals(other.balances);
  }

  @Override
  public int hashCode() {
    return balances.hashCode();
  }

  @Override
  public String toString() {
    return "Wallet" + balances;
  }
}
