package dev.coffer.projections.players;

import dev.coffer.projections.wallet.Wallet;
import java.util.Objects;

/**
 * The per-player read models that are one value per player, as {@link PlayerFold} sees them. The views
 * that grow with what the player holds or bought (inventory, purchases, subscriptions) are rows of
 * their own ({@code store.PlayerRows}), written from the same outcome.
 *
 * @param status the player's version and erasure
 * @param wallet the wallet
 */
public record PlayerViews(PlayerStatus status, Wallet wallet) {
  /** The views of a player the read models have not seen. */
  public static final PlayerViews NEW = new PlayerViews(PlayerStatus.NEW, Wallet.EMPTY);

  public PlayerViews {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(wallet, "wallet");
  }
}
