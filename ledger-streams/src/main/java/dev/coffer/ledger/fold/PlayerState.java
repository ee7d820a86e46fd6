package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.Inventory;
import dev.coffer.ledger.wallet.Wallet;
import java.util.Objects;

/**
 * Everything the fold reads and rewrites for one player on every event: one value in the
 * {@code player-state} store, so an event costs one state changelog record. Its size follows what
 * the player holds now (balances, active instances), never the player's history.
 *
 * @param version the player's sequence number: how many events were applied
 * @param purchaseCount how many purchases (renewals included) were applied
 * @param erased whether the player was erased
 * @param wallet the balances
 * @param inventory the active instances
 */
public record PlayerState(long version, int purchaseCount, boolean erased, Wallet wallet, Inventory inventory) {
  /** A player never seen. */
  public static final PlayerState NEW = new PlayerState(0, 0, false, Wallet.EMPTY, Inventory.EMPTY);

  public PlayerState {
    Objects.requireNonNull(wallet, "wallet");
    Objects.requireNonNull(inventory, "inventory");
  }

  PlayerState with(final Wallet newWallet, final Inventory newInventory) {
    return new PlayerState(version, purchaseCount, erased, newWallet, newInventory);
  }
}
