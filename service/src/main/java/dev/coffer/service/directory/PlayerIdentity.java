package dev.coffer.service.directory;

import java.util.Objects;

/**
 * What the player directory says about one external player id of an app.
 *
 * @param appId the app
 * @param lookup the directory's key of the external id (a keyed hash of it)
 * @param state ABSENT (never seen), ACTIVE or ERASED
 * @param playerRef ACTIVE: the player's random ref; null otherwise
 * @param dataKey ACTIVE: the player's data key (32 bytes, unwrapped); null otherwise
 */
public record PlayerIdentity(String appId, String lookup, State state, String playerRef, byte[] dataKey) {
  /** The directory's answer. */
  public enum State {
    /** The directory never saw the lookup. */
    ABSENT,
    /** A player: ref and data key. */
    ACTIVE,
    /** The player was erased; a CREATE starts a new, unlinked player. */
    ERASED
  }

  public PlayerIdentity {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(state, "state");
    if ((state == State.ACTIVE) != (playerRef != null && dataKey != null)) {
      throw new IllegalArgumentException("an ACTIVE identity has a ref and a data key, no other does");
    }
  }

  /** Whether the lookup names a player now. */
  public boolean active() {
    return state == State.ACTIVE;
  }

  /** The player key {@code appId|playerRef}; only for an ACTIVE identity. */
  public String playerKey() {
    if (!active()) {
      throw new IllegalStateException("a " + state + " identity has no player key");
    }
    return appId + "|" + playerRef;
  }

  /** Never prints the data key. */
  @Override
  public String toString() {
    return "PlayerIdentity[" + appId + ", " + state + (playerRef == null ? "" : ", " + playerRef) + "]";
  }
}
