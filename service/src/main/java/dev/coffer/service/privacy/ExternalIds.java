package dev.coffer.service.privacy;

import dev.coffer.apps.Aead;
import java.nio.charset.StandardCharsets;

/**
 * The external player id sealed under the player's own data key: what an erasure hands to projections for
 * the one {@code player.deleted} webhook, unreadable once the key is destroyed.
 */
public final class ExternalIds {
  private ExternalIds() {
  }

  /** Seals {@code playerId} for the player {@code appId|playerRef}. */
  public static byte[] seal(final byte[] dataKey, final String appId, final String playerRef, final String playerId) {
    return Aead.seal(dataKey, associated(appId, playerRef), playerId.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Opens what {@link #seal} made.
   *
   * @throws Aead.UnreadableException if sealed for another player or under another key
   */
  public static String open(final byte[] dataKey, final String appId, final String playerRef, final byte[] sealed) {
    return new String(Aead.open(dataKey, associated(appId, playerRef), sealed), StandardCharsets.UTF_8);
  }

  private static String associated(final String appId, final String playerRef) {
    return appId + "|" + playerRef + "|external-player-id";
  }
}
