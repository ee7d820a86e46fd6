package dev.coffer.apps;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Player tokens: proof, signed by the game's server, that a client may act for one player. A client
 * key reaches a player only through such a token.
 *
 * <p>Format (compact, URL-safe, no JSON):
 * <pre>{@code
 * pt1.<base64url(appId)>.<base64url(playerId)>.<expiresAt epoch seconds>.<base64url(mac)>
 * mac = HMAC-SHA256(playerTokenSecret, ASCII of everything before the last '.')
 * }</pre>
 * base64url without padding. The game server issues tokens with {@link #issue} (or the same few
 * lines in its own language); {@link #verify} checks the MAC in constant time, then the app and the
 * expiry.
 */
public final class PlayerTokens {
  /** The format's prefix and version. */
  public static final String PREFIX = "pt1";
  /** The longest token accepted. */
  public static final int MAX_LENGTH = 1024;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private PlayerTokens() {
  }

  /** Why a token was refused. */
  public enum Failure {
    /** Not in the format. */
    MALFORMED,
    /** The MAC does not hold under the app's secret. */
    BAD_SIGNATURE,
    /** Signed for another app. */
    WRONG_APP,
    /** Past its expiry. */
    EXPIRED
  }

  /** A refused token. */
  public static final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    InvalidTokenException(final Failure failure, final String message) {
      super(message);
      this.failure = failure;
    }

    /** Why it was refused. */
    public Failure failure() {
      return failure;
    }
  }

  /**
   * Issues a token.
   *
   * @param secret the app's player-token secret
   * @param appId the app
   * @param playerId the player the token speaks for
   * @param expiresAt when it stops being accepted (second precision)
   * @return the token
   */
  public static String issue(final byte[] secret, final String appId, final String playerId,
                             final Instant expiresAt) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(expiresAt, "expiresAt");
    final String body = PREFIX + "." + encode(appId) + "." + encode(playerId) + "." + expiresAt.getEpochSecond();
    return body + "." + ENCODER.encodeToString(Hmac.sha256(secret, body.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * Verifies a token.
   *
   * @param secret the app's player-token secret
   * @param appId the app the request is for
   * @param token the token presented
   * @param now the current time
   * @return the player id the token names
   * @throws InvalidTokenException if it is malformed, forged, for another app or expired
   */
  public static String verify(final byte[] secret, final String appId, final String token, final Instant now)
      throws InvalidTokenException {
    if (token == null || token.length() > MAX_LENGTH) {
      throw new InvalidTokenException(Failure.MALFORMED, "player token is missing or too long");
    }
    final String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !PREFIX.equals(parts[0])) {
      throw new InvalidTokenException(Failure.MALFORMED, "player token is not pt1.app.player.expiry.mac");
    }
    final int lastDot = token.lastIndexOf('.');
    final byte[] expected = Hmac.sha256(secret, token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    final byte[] given = decodeBytes(parts[4]);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new InvalidTokenException(Failure.BAD_SIGNATURE, "player token signature does not verify");
    }
    final String tokenApp = decodeText(parts[1]);
    if (!tokenApp.equals(appId)) {
      throw new InvalidTokenException(Failure.WRONG_APP, "player token is for another app");
    }
    final long expiresAt;
    try {
      expiresAt = Long.parseLong(parts[3]);
    } catch (final NumberFormatException e) {
      throw new InvalidTokenException(Failure.MALFORMED, "player token expiry is not a number");
    }
    if (now.getEpochSecond() >= expiresAt) {
      throw new InvalidTokenException(Failure.EXPIRED, "player token expired");
    }
    return decodeText(parts[2]);
  }

  private static String encode(final String text) {
    return ENCODER.encodeToString(Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] decodeBytes(final String text) throws InvalidTokenException {
    try {
      return DECODER.decode(text);
    } catch (final IllegalArgumentException e) {
      throw new InvalidTokenException(Failure.MALFORMED, "player token part is not base64url");
    }
  }

  private static String decodeText(final String text) throws InvalidTokenException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(decodeBytes(text))).toString();
    } catch (final CharacterCodingException e) {
      throw new InvalidTokenException(Failure.MALFORMED, "player token part is not UTF-8");
    }
  }
}
