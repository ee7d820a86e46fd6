package dev.coffer.projections.history;

import java.util.Locale;

/**
 * Keys of the history store: {@code appId|playerRef|<version, 19 digits>}. Fixed-width versions make
 * the store's byte order the version order, so one player's history is one contiguous range, and a
 * player ref (base64url, no {@code |}) can never be a prefix of another player's key.
 */
public final class HistoryKeys {
  private static final int DIGITS = 19;

  private HistoryKeys() {
  }

  /** The key of {@code version} in the history of {@code playerKey}. */
  public static String key(final String playerKey, final long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    return prefix(playerKey) + String.format(Locale.ROOT, "%0" + DIGITS + "d", version);
  }

  /** The prefix every history key of {@code playerKey} starts with. */
  public static String prefix(final String playerKey) {
    return playerKey + "|";
  }

  /** The lowest key of {@code playerKey}'s history. */
  public static String first(final String playerKey) {
    return key(playerKey, 0);
  }

  /** The highest key of {@code playerKey}'s history. */
  public static String last(final String playerKey) {
    return key(playerKey, Long.MAX_VALUE);
  }
}
