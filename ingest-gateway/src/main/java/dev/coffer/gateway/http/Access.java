package dev.coffer.gateway.http;

import dev.coffer.apps.ApiKey;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.Identifiers;
import dev.coffer.apps.KeyRole;
import dev.coffer.apps.PlayerTokens;
import dev.coffer.gateway.errors.ApiProblem;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.ratelimit.TokenBuckets;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who may do what: the app of the path (404 {@code UNKNOWN_APP}), the bearer key (401
 * {@code UNAUTHENTICATED}, compared in constant time), its role (403 {@code KEY_NOT_ALLOWED} for a client
 * key on a server endpoint), the player token a client key needs to act for a player (403
 * {@code PLAYER_TOKEN_INVALID}), and the per-app and per-player rate limits (429 {@code RATE_LIMITED}).
 */
public final class Access {
  /** The header carrying a player token (client keys). */
  public static final String PLAYER_TOKEN_HEADER = "X-Player-Token";
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private final Apps apps;
  private final Map<String, AppStores> stores;
  private final TokenBuckets perApp;
  private final TokenBuckets perPlayer;
  private final Clock clock;

  /**
   * @param apps the apps
   * @param stores each app's verifiers, by app id
   * @param perApp the per-app limit
   * @param perPlayer the per-player limit
   * @param clock judges player token expiry
   */
  public Access(final Apps apps, final Map<String, AppStores> stores, final TokenBuckets perApp,
                final TokenBuckets perPlayer, final Clock clock) {
    this.apps = apps;
    this.stores = Map.copyOf(stores);
    this.perApp = perApp;
    this.perPlayer = perPlayer;
    this.clock = clock;
  }

  /**
   * Authenticates a request to {@code /v1/apps/{appId}/...}.
   *
   * @param ctx the request
   * @param role the role the endpoint needs (a server key may do everything)
   * @return the caller
   */
  public Caller caller(final Context ctx, final KeyRole role) {
    final App app = app(ctx);
    final String authorization = ctx.header("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiProblem(ErrorCode.UNAUTHENTICATED, "an Authorization: Bearer <api key> header is required");
    }
    final ApiKey key = app.authenticate(authorization.substring(7).trim()).orElseThrow(
        () -> new ApiProblem(ErrorCode.UNAUTHENTICATED, "the API key is not one of app " + app.appId()));
    if (role == KeyRole.SERVER && key.role() != KeyRole.SERVER) {
      throw new ApiProblem(ErrorCode.KEY_NOT_ALLOWED, "this endpoint needs a server key");
    }
    limitApp(app.appId());
    return new Caller(app, stores.get(app.appId()), key, requestId(ctx));
  }

  /** The app of the path, without authentication (store notifications authenticate otherwise). */
  public App app(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    if (!Identifiers.isAppId(appId)) {
      throw new ApiProblem(ErrorCode.UNKNOWN_APP, "no app " + appId);
    }
    return apps.find(appId).orElseThrow(() -> new ApiProblem(ErrorCode.UNKNOWN_APP, "no app " + appId));
  }

  /** The verifiers of an app. */
  public AppStores stores(final App app) {
    return stores.get(app.appId());
  }

  /** Applies the per-app limit. */
  public void limitApp(final String appId) {
    if (!perApp.tryAcquire(appId)) {
      throw new RateLimited("app " + appId + " is over its request rate", perApp.retryAfterSeconds());
    }
  }

  /**
   * Checks the caller may act for {@code playerId} (a client key needs a player token naming it) and
   * applies the per-player limit.
   *
   * @param ctx the request
   * @param caller the caller
   * @param field where the player id came from, for errors ({@code playerId} or the path)
   * @param playerId the player id
   * @return the player's ref
   */
  public String player(final Context ctx, final Caller caller, final String field, final String playerId) {
    if (!Identifiers.isPlayerId(playerId)) {
      throw new ApiProblem(ErrorCode.INVALID_FIELD,
          field + " must be 1 to 128 characters without control characters");
    }
    if (!caller.server()) {
      final String token = ctx.header(PLAYER_TOKEN_HEADER);
      if (token == null) {
        throw new ApiProblem(ErrorCode.PLAYER_TOKEN_INVALID,
            "a client key needs a player token (" + PLAYER_TOKEN_HEADER + ") signed by the game server");
      }
      final String tokenPlayer;
      try {
        tokenPlayer = caller.app().verifyPlayerToken(token, clock.instant());
      } catch (final PlayerTokens.InvalidTokenException e) {
        throw new ApiProblem(ErrorCode.PLAYER_TOKEN_INVALID.status(), ErrorCode.PLAYER_TOKEN_INVALID.name(),
            "the player token is invalid: " + e.failure().name().toLowerCase(java.util.Locale.ROOT), e);
      }
      if (!tokenPlayer.equals(playerId)) {
        throw new ApiProblem(ErrorCode.PLAYER_TOKEN_INVALID, "the player token names another player");
      }
    }
    final String ref = caller.app().playerRef(playerId);
    if (!perPlayer.tryAcquire(caller.appId() + "|" + ref)) {
      throw new RateLimited("the player is over its request rate", perPlayer.retryAfterSeconds());
    }
    return ref;
  }

  /** The request id: the caller's {@code X-Request-Id} if well-formed, else a new UUID. */
  public static String requestId(final Context ctx) {
    final String given = ctx.header("X-Request-Id");
    return given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }

  /** A 429, with the seconds to wait. */
  public static final class RateLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    RateLimited(final String message, final long retryAfterSeconds) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until a retry may pass. */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    /** As a problem. */
    public ApiProblem problem() {
      return new ApiProblem(ErrorCode.RATE_LIMITED, getMessage());
    }
  }
}
