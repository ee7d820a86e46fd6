package dev.coffer.projections.players;

import dev.coffer.projections.inventory.Inventory;
import dev.coffer.projections.purchases.Purchases;
import dev.coffer.projections.wallet.Wallet;
import java.util.Objects;

/**
 * Every per-player read model of one player, as {@link PlayerFold} sees them.
 *
 * @param status the player's version and erasure
 * @param wallet the wallet
 * @param inventory the inventory
 * @param purchases the purchases
 */
public record PlayerViews(PlayerStatus status, Wallet wallet, Inventory inventory, Purchases purchases) {
  /** The views of a player the read models have not seen. */
  public static final PlayerViews NEW = new PlayerViews(PlayerStatus.NEW, Wallet.EMPTY, Inventory.EMPTY,
      Purchases.EMPTY);

  public PlayerViews {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(wallet, "wallet");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(purchases, "purchases");
  }
}
