package dev.coffer.projections.http;

import java.util.Locale;
import java.util.Objects;

/**
 * A request that ends in a problem answer (see {@link Problem}); thrown by handlers and turned
 * into the response by the server's exception mapping.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  /**
   * @param status the HTTP status
   * @param code the stable code
   * @param detail what happened
   * @param retryAfterSeconds the {@code Retry-After} to send, or 0 for none
   */
  public ProblemException(final int status, final String code, final String detail, final long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A problem without {@code Retry-After}. */
  public ProblemException(final int status, final String code, final String detail) {
    this(status, code, detail, 0);
  }

  /** A 503 with {@code Retry-After}: the answer exists, just not here or not now. */
  public static ProblemException unavailable(final String code, final String detail, final long retryAfterSeconds) {
    return new ProblemException(503, code, detail, Math.max(1, retryAfterSeconds));
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The stable code. */
  public String code() {
    return code;
  }

  /** The {@code Retry-After} seconds, 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The problem body. */
  public Problem problem() {
    return new Problem("https://coffer.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
        title(status), status, code, getMessage());
  }

  private static String title(final int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthenticated";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 503 -> "Service unavailable";
      default -> "Error";
    };
  }
}
