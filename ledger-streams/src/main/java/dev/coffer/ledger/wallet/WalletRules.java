package dev.coffer.ledger.wallet;

import dev.coffer.ledger.rejection.Amounts;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rules that move balances. Credits and spends are checked; a claw-back (revocation) may take a
 * balance below zero so the debt stays visible, and is never clamped.
 */
public final class WalletRules {
  private WalletRules() {
  }

  /**
   * Credits positive amounts.
   *
   * @param wallet the wallet before
   * @param amounts currency to a positive amount
   * @return the wallet after, with one move per credited currency
   * @throws RuleRejected AMOUNT_OVERFLOW if a balance would overflow
   */
  public static WalletUpdate credit(final Wallet wallet, final Map<String, Long> amounts) {
    return move(wallet, amounts, 1);
  }

  /**
   * Spends an amount, never overdrawing.
   *
   * @param wallet the wallet before
   * @param currency the currency spent
   * @param amount a positive amount
   * @return the wallet after, with its one move
   * @throws RuleRejected INSUFFICIENT_FUNDS if the balance is below {@code amount}
   */
  public static WalletUpdate spend(final Wallet wallet, final String currency, final long amount) {
    final long balance = wallet.balance(currency);
    if (balance < amount) {
      throw new RuleRejected(Reason.INSUFFICIENT_FUNDS,
          "balance of " + currency + " is " + balance + ", spend needs " + amount);
    }
    final long after = balance - amount;
    return new WalletUpdate(wallet.with(currency, after),
        List.of(new BalanceMove(currency, -amount, after)));
  }

  /**
   * Takes back what a revoked purchase credited. The balance may go negative: the debt is recorded,
   * never silently clamped.
   *
   * @param wallet the wallet before
   * @param amounts currency to the positive amount to take back
   * @return the wallet after, with one move per currency
   */
  public static WalletUpdate clawBack(final Wallet wallet, final Map<String, Long> amounts) {
    return move(wallet, amounts, -1);
  }

  private static WalletUpdate move(final Wallet wallet, final Map<String, Long> amounts, final int sign) {
    // Sorted so that the moves come out in the same order on every replay.
    final SortedMap<String, Long> sorted = new TreeMap<>(amounts);
    Wallet current = wallet;
    final List<BalanceMove> moves = new ArrayList<>();
    for (final Map.Entry<String, Long> entry : sorted.entrySet()) {
      final long amount = entry.getValue();
      if (amount == 0) {
        continue;
      }
      final long before = current.balance(entry.getKey());
      final long after = sign > 0 ? Amounts.add(before, amount) : Amounts.subtract(before, amount);
      current = current.with(entry.getKey(), after);
      moves.add(new BalanceMove(entry.getKey(), after - before, after));
    }
    return new WalletUpdate(current, moves);
  }
}
