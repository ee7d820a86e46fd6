package dev.coffer.ledger.fold;

/**
 * The scalar part of a player's state, stored apart from wallet and inventory.
 *
 * @param version the player's version
 * @param purchaseCount applied purchases
 * @param erased whether the player was erased
 */
public record PlayerMeta(long version, int purchaseCount, boolean erased) {
  /** A player never seen. */
  public static final PlayerMeta NEW = new PlayerMeta(0, 0, false);
}
