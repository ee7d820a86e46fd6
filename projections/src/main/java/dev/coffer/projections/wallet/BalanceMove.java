package dev.coffer.projections.wallet;

import java.util.Objects;

/**
 * How one currency balance moved in one ledger event.
 *
 * @param currency the virtual currency code
 * @param delta the signed change, in the smallest unit
 * @param balance the balance after the change; negative only through a revocation (a debt)
 */
public record BalanceMove(String currency, long delta, long balance) {
  public BalanceMove {
    Objects.requireNonNull(currency, "currency");
  }
}
