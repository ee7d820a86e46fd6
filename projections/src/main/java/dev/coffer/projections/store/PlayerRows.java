package dev.coffer.projections.store;

/**
 * Keys of the per-player row stores (inventory, purchases, subscriptions): {@code appId|playerRef|<id>}.
 * One player's rows are one contiguous key range, so a view is read with one range scan and erased
 * with one, and no row is ever bigger than one instance or one purchase: a player with a long history
 * or a large inventory makes more rows, never a bigger value.
 */
public final class PlayerRows {
  /** Above every character an id may hold, so {@link #last} bounds the player's range. */
  private static final char HIGHEST = '\uffff';

  private PlayerRows() {
  }

  /** The key of row {@code id} of {@code playerKey}. */
  public static String key(final String playerKey, final String id) {
    return playerKey + "|" + id;
  }

  /** The lowest key of {@code playerKey}'s rows. */
  public static String first(final String playerKey) {
    return playerKey + "|";
  }

  /** The highest key of {@code playerKey}'s rows. */
  public static String last(final String playerKey) {
    return playerKey + "|" + HIGHEST;
  }
}
