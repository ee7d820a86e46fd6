package dev.coffer.ledger.wallet;

import java.util.List;

/**
 * A wallet after some rule, with the moves that got it there (in currency order).
 *
 * @param wallet the new wallet
 * @param moves each balance that moved
 */
public record WalletUpdate(Wallet wallet, List<BalanceMove> moves) {
  public WalletUpdate {
    moves = List.copyOf(moves);
  }
}
