package dev.coffer.service.auth;

import dev.coffer.apps.ApiKey;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.Identifiers;
import dev.coffer.apps.KeyRole;
import dev.coffer.apps.PlayerTokens;
import dev.coffer.service.problem.ProblemException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Bearer-key authentication over the apps file, the same in every service: the app of the path (404
 * {@code UNKNOWN_APP}), {@code Authorization: Bearer <api key>} compared in constant time against the
 * app's keys (401 {@code UNAUTHENTICATED}, with {@code WWW-Authenticate: Bearer realm="coffer"}), the
 * key's role (403 {@code KEY_NOT_ALLOWED}), and the player token a client key needs to act for a
 * player (403 {@code PLAYER_TOKEN_INVALID}).
 */
public final class BearerAuth {
  /** The header a client key presents its player token in. */
  public static final String PLAYER_TOKEN_HEADER = "X-Player-Token";
  private static final String BEARER = "bearer ";

  private final Apps apps;
  private final Clock clock;

  /**
   * @param apps the configured apps
   * @param clock the clock player-token expiry is judged by
   */
  public BearerAuth(final Apps apps, final Clock clock) {
    this.apps = Objects.requireNonNull(apps, "apps");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * An authenticated key of an app.
   *
   * @param app the app of the path
   * @param key the key presented
   */
  public record Caller(App app, ApiKey key) {
    /** Whether a server key called. */
    public boolean server() {
      return key.role() == KeyRole.SERVER;
    }
  }

  /** The app named by the path, without authentication (404 {@code UNKNOWN_APP}). */
  public App app(final String appId) {
    if (!Identifiers.isAppId(appId)) {
      throw new ProblemException(AuthCode.UNKNOWN_APP, "no app " + appId);
    }
    return apps.find(appId).orElseThrow(() -> new ProblemException(AuthCode.UNKNOWN_APP, "no app " + appId));
  }

  /**
   * Authenticates a request to an app.
   *
   * @param appId the app of the path
   * @param authorization the {@code Authorization} header, or {@code null}
   * @param role the role the endpoint needs (a server key may do everything)
   * @return the caller
   */
  public Caller authenticate(final String appId, final String authorization, final KeyRole role) {
    final App app = app(appId);
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw new ProblemException(AuthCode.UNAUTHENTICATED, "an Authorization: Bearer <api key> header is required");
    }
    final ApiKey key = app.authenticate(authorization.substring(BEARER.length()).trim()).orElseThrow(
        () -> new ProblemException(AuthCode.UNAUTHENTICATED, "the API key is not one of app " + app.appId()));
    if (role == KeyRole.SERVER && key.role() != KeyRole.SERVER) {
      throw new ProblemException(AuthCode.KEY_NOT_ALLOWED, "this endpoint needs a server key");
    }
    return new Caller(app, key);
  }

  /**
   * The player a client key's player token names (403 {@code PLAYER_TOKEN_INVALID} if missing or
   * refused).
   *
   * @param app the app
   * @param playerToken the {@code X-Player-Token} header, or {@code null}
   * @return the player id
   */
  public String tokenPlayer(final App app, final String playerToken) {
    if (playerToken == null || playerToken.isBlank()) {
      throw new ProblemException(AuthCode.PLAYER_TOKEN_INVALID,
          "a client key needs a player token (" + PLAYER_TOKEN_HEADER + ") signed by the game server");
    }
    try {
      return app.verifyPlayerToken(playerToken.trim(), clock.instant());
    } catch (final PlayerTokens.InvalidTokenException e) {
      throw new ProblemException(AuthCode.PLAYER_TOKEN_INVALID.status(), AuthCode.PLAYER_TOKEN_INVALID.name(),
          "the player token is invalid: " + e.failure().name().toLowerCase(Locale.ROOT), e);
    }
  }
}
