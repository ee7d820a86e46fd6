package dev.coffer.service.auth;

import dev.coffer.service.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The shared secret one Coffer service presents to another's {@code /internal} endpoints (the gateway
 * asking projections which player a store purchase belongs to): {@code Authorization: Bearer <token>},
 * compared in constant time. App keys are stored as hashes, so no service can present one of them;
 * this token is configured in both services instead ({@code internal.token} in projections,
 * {@code projections.token} in the gateway).
 */
public final class InternalToken {
  /** The shortest token accepted: 128 bits of hex or base64 and then some. */
  public static final int MIN_LENGTH = 24;
  private static final String BEARER = "bearer ";

  private final byte[] token;

  private InternalToken(final String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The configured token, if one is set.
   *
   * @param configured the configured value; {@code null} or empty for none
   * @return the token, or empty when internal endpoints are off
   * @throws IllegalArgumentException when shorter than {@link #MIN_LENGTH}
   */
  public static Optional<InternalToken> of(final String configured) {
    if (configured == null || configured.isEmpty()) {
      return Optional.empty();
    }
    if (configured.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("must be at least " + MIN_LENGTH + " characters");
    }
    return Optional.of(new InternalToken(configured));
  }

  /** The {@code Authorization} header value that presents this token. */
  public String header() {
    return "Bearer " + new String(token, StandardCharsets.UTF_8);
  }

  /**
   * Checks a request's {@code Authorization} header against this token.
   *
   * @param authorization the header, or {@code null}
   * @throws ProblemException 401 {@code UNAUTHENTICATED} unless it presents this token
   */
  public void check(final String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
        || !MessageDigest.isEqual(token,
            authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(AuthCode.UNAUTHENTICATED, "an internal endpoint: present the internal token");
    }
  }

  @Override
  public String toString() {
    return "InternalToken[redacted]";
  }
}
