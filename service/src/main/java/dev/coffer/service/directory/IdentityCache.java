package dev.coffer.service.directory;

import java.util.LinkedHashMap;
import java.util.Map;

/** The directory client's bounded LRU cache of ACTIVE identities, by {@code appId|lookup}. */
final class IdentityCache {
  private final Map<String, PlayerIdentity> entries;

  IdentityCache(final int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(final Map.Entry<String, PlayerIdentity> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized PlayerIdentity get(final String key) {
    return entries.get(key);
  }

  /**
   * Keeps {@code identity}: always when it answers this client's own request, otherwise only if the key is
   * cached already (another instance's answer updates, never fills, the cache).
   */
  synchronized void refresh(final String key, final PlayerIdentity identity, final boolean own) {
    if (own || entries.containsKey(key)) {
      entries.put(key, identity);
    }
  }

  synchronized void remove(final String key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }
}
