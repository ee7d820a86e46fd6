package dev.coffer.projections.wallet;

import java.util.Objects;

/**
 * One currency of a player's wallet.
 *
 * @param currency the virtual currency code
 * @param balance the balance, in the smallest unit; negative when a revocation left a debt
 * @param debt what the player owes in this currency: {@code -balance} when negative, else 0
 */
public record Balance(String currency, long balance, long debt) {
  public Balance {
    Objects.requireNonNull(currency, "currency");
  }

  /** The balance of {@code currency}, with its debt derived. */
  public static Balance of(final String currency, final long balance) {
    return new Balance(currency, balance, balance < 0 ? -balance : 0);
  }
}
