package dev.coffer.apps;

import java.util.Objects;

/**
 * One app's key-encryption key (KEK): AES-256-GCM wrapping of its players' data keys. The KEK is derived
 * from the app's pseudonym key with a fixed label, so no new setting is needed; a wrapped key is bound
 * to its player ({@code appId|playerRef} as associated data) and opens for no other.
 */
public final class DataKeys {
  private final String appId;
  private final byte[] kek;

  DataKeys(final String appId, final byte[] pseudonymKey) {
    this.appId = Objects.requireNonNull(appId, "appId");
    this.kek = Pseudonyms.derive(pseudonymKey, "key-encryption-key");
  }

  /**
   * Wraps a player's data key.
   *
   * @param playerRef the player
   * @param dataKey 32 bytes
   * @return the wrapped key, as kept in {@code coffer.player-keys} and the directory
   */
  public byte[] wrap(final String playerRef, final byte[] dataKey) {
    return Aead.seal(kek, appId + "|" + playerRef, dataKey);
  }

  /**
   * Unwraps a player's data key.
   *
   * @param playerRef the player it was wrapped for
   * @param wrapped what {@link #wrap} made
   * @return the 32-byte data key
   * @throws Aead.UnreadableException if it was wrapped for another player or app, or changed
   */
  public byte[] unwrap(final String playerRef, final byte[] wrapped) {
    return Aead.open(kek, appId + "|" + playerRef, wrapped);
  }
}
