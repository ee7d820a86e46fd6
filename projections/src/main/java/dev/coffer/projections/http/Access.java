package dev.coffer.projections.http;

import dev.coffer.apps.ApiKey;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.KeyRole;
import dev.coffer.apps.Identifiers;
import dev.coffer.service.auth.BearerAuth;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.problem.ProblemException;
import java.time.Clock;

/**
 * Authentication and authorisation of reads, by the service kit's bearer keys over the apps file
 * ({@link BearerAuth}, the gateway's rules): a server key reads any player of its app; a client key
 * reads only the player named by a player token ({@code X-Player-Token}) the game server signed.
 */
public final class Access {
  /** The header a client key presents its player token in. */
  public static final String PLAYER_TOKEN_HEADER = BearerAuth.PLAYER_TOKEN_HEADER;

  private final BearerAuth auth;
  private final PlayerDirectory directory;

  /**
   * @param apps the configured apps
   * @param clock the clock player-token expiry is checked against
   * @param directory external player ids to refs and data keys
   */
  public Access(final Apps apps, final Clock clock, final PlayerDirectory directory) {
    this.auth = new BearerAuth(apps, clock);
    this.directory = directory;
  }

  /**
   * An authenticated caller.
   *
   * @param app the app of the path
   * @param key the key it presented
   * @param tokenPlayerId the player a client key's token names, or {@code null} (server keys)
   */
  public record Caller(App app, ApiKey key, String tokenPlayerId) {
    /** Whether the caller may read {@code playerId}. */
    public boolean mayRead(final String playerId) {
      return key.role() == KeyRole.SERVER || playerId.equals(tokenPlayerId);
    }

  }

  /**
   * Authenticates a request to {@code appId}.
   *
   * @param appId the app id of the path
   * @param authorization the {@code Authorization} header, or {@code null}
   * @param playerToken the {@code X-Player-Token} header, or {@code null}
   * @return the caller
   * @throws ProblemException 404 {@code UNKNOWN_APP}, 401 {@code UNAUTHENTICATED}, 403
   *     {@code PLAYER_TOKEN_INVALID} (a client key's token missing or refused)
   */
  public Caller authenticate(final String appId, final String authorization, final String playerToken) {
    final BearerAuth.Caller caller = auth.authenticate(appId, authorization, KeyRole.CLIENT);
    return new Caller(caller.app(), caller.key(),
        caller.server() ? null : auth.tokenPlayer(caller.app(), playerToken));
  }

  /**
   * Authenticates a server key of {@code appId}: what the console's app-wide endpoints (revenue, outcome
   * mix, dead letters, re-drive) need.
   *
   * @param appId the app id of the path
   * @param authorization the {@code Authorization} header, or {@code null}
   * @return the app
   * @throws ProblemException 404 {@code UNKNOWN_APP}, 401 {@code UNAUTHENTICATED}, 403 {@code KEY_NOT_ALLOWED}
   *     (a client key)
   */
  public App server(final String appId, final String authorization) {
    return auth.authenticate(appId, authorization, KeyRole.SERVER).app();
  }

  /**
   * Authenticates a read of {@code playerId} and finds the player in the directory (never making it).
   *
   * @return the identity: ABSENT (never seen), ACTIVE or ERASED
   * @throws ProblemException as {@link #authenticate}, 403 {@code FORBIDDEN} if a client's token names
   *     another player, 503 {@code DIRECTORY_UNAVAILABLE} when the directory does not answer in time
   */
  public PlayerIdentity player(final String appId, final String playerId, final String authorization,
                               final String playerToken) {
    return player(appId, playerId, authorization, playerToken, false);
  }

  /**
   * As {@link #player(String, String, String, String)}; with {@code create}, a player the directory never
   * saw is made (a new random ref and data key), so an event stream opened before the player's first write
   * follows that player.
   */
  public PlayerIdentity player(final String appId, final String playerId, final String authorization,
                               final String playerToken, final boolean create) {
    final Caller caller = authenticate(appId, authorization, playerToken);
    if (!caller.mayRead(playerId)) {
      throw new ProblemException(403, "FORBIDDEN", "the player token names another player");
    }
    if (!Identifiers.isPlayerId(playerId)) {
      throw new ProblemException(400, "INVALID_FIELD", "playerId must be 1 to 128 characters without control"
          + " characters");
    }
    return directory.await(create ? directory.create(caller.app(), playerId)
        : directory.resolve(caller.app(), playerId));
  }

  /**
   * The ref of the player a client's token names: {@code null} for a server key (any player), an empty
   * string (no player) when the directory holds no ACTIVE player for it.
   */
  public String tokenPlayerRef(final Caller caller) {
    if (caller.tokenPlayerId() == null) {
      return null;
    }
    final PlayerIdentity player = directory.await(directory.resolve(caller.app(), caller.tokenPlayerId()));
    return player.active() ? player.playerRef() : "";
  }
}
