package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.Inventory;
import dev.coffer.ledger.wallet.Wallet;
import java.util.Objects;

/**
 * Everything the fold knows of one player.
 *
 * @param version the player's sequence number: how many events were applied
 * @param purchaseCount how many purchases (renewals included) were applied
 * @param erased whether the player was erased
 * @param wallet the balances
 * @param inventory the instances and recorded transactions
 */
public record PlayerState(long version, int purchaseCount, boolean erased, Wallet wallet, Inventory inventory) {
  /** A player never seen. */
  public static final PlayerState NEW = new PlayerState(0, 0, false, Wallet.EMPTY, Inventory.EMPTY);

  public PlayerState {
    Objects.requireNonNull(wallet, "wallet");
    Objects.requireNonNull(inventory, "inventory");
  }
}
