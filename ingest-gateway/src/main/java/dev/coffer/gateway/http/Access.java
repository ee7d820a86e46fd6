package dev.coffer.gateway.http;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.Identifiers;
import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.ratelimit.TokenBuckets;
import dev.coffer.service.auth.BearerAuth;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.http.ServiceHttp;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/**
 * Who may do what: bearer keys of the app of the path ({@link BearerAuth}: 404 {@code UNKNOWN_APP},
 * 401 {@code UNAUTHENTICATED}, 403 {@code KEY_NOT_ALLOWED}), the player token a client key needs to act
 * for a player (403 {@code PLAYER_TOKEN_INVALID}), and the per-app and per-player rate limits (429
 * {@code RATE_LIMITED} with {@code Retry-After}).
 */
public final class Access {
  /** The header carrying a player token (client keys). */
  public static final String PLAYER_TOKEN_HEADER = BearerAuth.PLAYER_TOKEN_HEADER;
  private final BearerAuth auth;
  private final Map<String, AppStores> stores;
  private final TokenBuckets perApp;
  private final TokenBuckets perPlayer;
  private final PlayerDirectory directory;

  /**
   * @param apps the apps
   * @param stores each app's verifiers, by app id
   * @param perApp the per-app limit
   * @param perPlayer the per-player limit
   * @param clock judges player token expiry
   * @param directory external player ids to refs and data keys
   */
  public Access(final Apps apps, final Map<String, AppStores> stores, final TokenBuckets perApp,
                final TokenBuckets perPlayer, final Clock clock, final PlayerDirectory directory) {
    this.auth = new BearerAuth(apps, clock);
    this.directory = directory;
    this.stores = Map.copyOf(stores);
    this.perApp = perApp;
    this.perPlayer = perPlayer;
  }

  /**
   * Authenticates a request to {@code /v1/apps/{appId}/...}.
   *
   * @param ctx the request
   * @param role the role the endpoint needs (a server key may do everything)
   * @return the caller
   */
  public Caller caller(final Context ctx, final KeyRole role) {
    final BearerAuth.Caller caller = auth.authenticate(ctx.pathParam("appId"), ctx.header("Authorization"), role);
    limitApp(caller.app().appId());
    return new Caller(caller.app(), stores.get(caller.app().appId()), caller.key(), ServiceHttp.requestId(ctx));
  }

  /** The app of the path, without authentication (store notifications authenticate otherwise). */
  public App app(final Context ctx) {
    return auth.app(ctx.pathParam("appId"));
  }

  /** The verifiers of an app. */
  public AppStores stores(final App app) {
    return stores.get(app.appId());
  }

  /** Applies the per-app limit. */
  public void limitApp(final String appId) {
    if (!perApp.tryAcquire(appId)) {
      throw new ProblemException(ErrorCode.RATE_LIMITED, "app " + appId + " is over its request rate",
          perApp.retryAfterSeconds());
    }
  }

  /**
   * Checks the caller may act for {@code playerId} (a client key needs a player token naming it), applies
   * the per-player limit, and finds the player in the directory, making it on first contact (a new random
   * ref and data key).
   *
   * @param ctx the request
   * @param caller the caller
   * @param field where the player id came from, for errors ({@code playerId} or the path)
   * @param playerId the player id
   * @return the player's ACTIVE identity
   * @throws ProblemException 503 {@code DIRECTORY_UNAVAILABLE} when the directory does not answer in time
   */
  public PlayerIdentity player(final Context ctx, final Caller caller, final String field, final String playerId) {
    check(ctx, caller, field, playerId);
    return directory.await(directory.create(caller.app(), playerId));
  }

  /**
   * As {@link #player}, but only finds the player: ABSENT if the directory never saw it, ERASED if it was
   * erased (erasure uses it).
   */
  public PlayerIdentity existingPlayer(final Context ctx, final Caller caller, final String field,
                                       final String playerId) {
    check(ctx, caller, field, playerId);
    return directory.await(directory.resolve(caller.app(), playerId));
  }

  /** The directory. */
  public PlayerDirectory directory() {
    return directory;
  }

  private void check(final Context ctx, final Caller caller, final String field, final String playerId) {
    if (!Identifiers.isPlayerId(playerId)) {
      throw new ProblemException(ErrorCode.INVALID_FIELD,
          field + " must be 1 to 128 characters without control characters");
    }
    if (!caller.server()
        && !auth.tokenPlayer(caller.app(), ctx.header(PLAYER_TOKEN_HEADER)).equals(playerId)) {
      throw new ProblemException(ErrorCode.PLAYER_TOKEN_INVALID, "the player token names another player");
    }
    // Limited by the lookup (a keyed hash of the id): before any directory round trip.
    if (!perPlayer.tryAcquire(caller.appId() + "|" + caller.app().pseudonyms().lookup(playerId))) {
      throw new ProblemException(ErrorCode.RATE_LIMITED, "the player is over its request rate",
          perPlayer.retryAfterSeconds());
    }
  }
}
