package dev.coffer.service.directory;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryState;
import java.nio.ByteBuffer;

/**
 * What a record of {@code coffer.player-directory} says: its key {@code appId|lookup}, and its entry read
 * as a {@link PlayerIdentity} with the apps file (whose app keys unwrap the data keys). Plain values, no
 * Kafka.
 */
final class DirectoryEntries {
  private DirectoryEntries() {
  }

  /** The directory's (and the cache's) key of a lookup. */
  static String key(final String appId, final String lookup) {
    return appId + "|" + lookup;
  }

  /**
   * The identity an entry gives: ABSENT for none (a tombstone), ERASED for a marker, else ACTIVE with the
   * data key unwrapped by the app's keys.
   *
   * @throws RuntimeException if the app is not in {@code apps} or its keys cannot unwrap the data key
   */
  static PlayerIdentity identity(final Apps apps, final String appId, final String lookup,
                                 final DirectoryEntry entry) {
    if (entry == null) {
      return new PlayerIdentity(appId, lookup, PlayerIdentity.State.ABSENT, null, null);
    }
    if (entry.getState() != DirectoryState.ACTIVE) {
      return new PlayerIdentity(appId, lookup, PlayerIdentity.State.ERASED, null, null);
    }
    final App app = apps.find(appId).orElseThrow(() -> new IllegalStateException("app " + appId
        + " is not in the apps file"));
    final ByteBuffer wrapped = entry.getWrappedKey().duplicate();
    final byte[] bytes = new byte[wrapped.remaining()];
    wrapped.get(bytes);
    return new PlayerIdentity(appId, lookup, PlayerIdentity.State.ACTIVE, entry.getPlayerRef(),
        app.dataKeys().unwrap(entry.getPlayerRef(), bytes));
  }
}
