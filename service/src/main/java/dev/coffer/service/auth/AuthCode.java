package dev.coffer.service.auth;

import dev.coffer.service.problem.ProblemCode;

/** The problems of bearer-key authentication, the same in every service. */
public enum AuthCode implements ProblemCode {
  /** No such app. */
  UNKNOWN_APP(404),
  /** No API key, or not one of the app's (answered with {@code WWW-Authenticate: Bearer realm="coffer"}). */
  UNAUTHENTICATED(401),
  /** A client key on an endpoint only server keys may use. */
  KEY_NOT_ALLOWED(403),
  /** A client key without a valid player token naming the player. */
  PLAYER_TOKEN_INVALID(403);

  private final int status;

  AuthCode(final int status) {
    this.status = status;
  }

  @Override
  public int status() {
    return status;
  }
}
