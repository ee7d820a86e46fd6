package dev.coffer.ledger.directory;

import java.util.Objects;

/**
 * What the directory holds for one lookup: an ACTIVE player (ref and wrapped data key), or the ERASED
 * marker, which holds neither.
 *
 * @param erased whether the player it named was erased
 * @param playerRef the player's ref; null when erased
 * @param wrappedKey the player's wrapped data key; null when erased
 * @param since when it took this state (epoch millis)
 */
public record DirectoryRecord(boolean erased, String playerRef, byte[] wrappedKey, long since) {
  public DirectoryRecord {
    if (erased != (playerRef == null) || erased != (wrappedKey == null)) {
      throw new IllegalArgumentException("an ACTIVE entry has a ref and a key, an ERASED one neither");
    }
  }

  /** An ACTIVE entry. */
  public static DirectoryRecord active(final String playerRef, final byte[] wrappedKey, final long since) {
    return new DirectoryRecord(false, Objects.requireNonNull(playerRef, "playerRef"),
        Objects.requireNonNull(wrappedKey, "wrappedKey").clone(), since);
  }

  /** The ERASED marker. */
  public static DirectoryRecord erasedAt(final long since) {
    return new DirectoryRecord(true, null, null, since);
  }
}
