package dev.coffer.keys;

import java.util.Optional;

/**
 * The player key {@code appId|playerRef}: the record key of every per-player topic and of the fold,
 * so all of one player's changes are ordered in one partition.
 */
public final class PlayerKey {
  private PlayerKey() {
  }

  /**
   * The player key.
   *
   * @param appId the tenant (no {@code |})
   * @param playerRef the player ref (no {@code |})
   * @return {@code appId|playerRef}
   */
  public static String of(final String appId, final String playerRef) {
    return appId + "|" + playerRef;
  }

  /**
   * The app id of a player key.
   *
   * @param playerKey {@code appId|playerRef}
   * @return the app id, or empty if the key has no {@code |}
   */
  public static Optional<String> appId(final String playerKey) {
    final int bar = playerKey == null ? -1 : playerKey.indexOf('|');
    return bar <= 0 ? Optional.empty() : Optional.of(playerKey.substring(0, bar));
  }
}
