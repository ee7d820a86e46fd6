package dev.coffer.service.problem;

import java.util.Objects;

/**
 * A request that cannot be served: thrown by handlers, answered as RFC 9457 problem details
 * ({@link ProblemJson}) with its HTTP status, a stable {@code code}, a detail for people and, for a
 * 429 or 503, a {@code Retry-After}.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  /**
   * @param code one of the service's codes
   * @param detail what exactly was wrong
   */
  public ProblemException(final ProblemCode code, final String detail) {
    this(code.status(), code.name(), detail, 0);
  }

  /**
   * @param code one of the service's codes
   * @param detail what exactly was wrong
   * @param retryAfterSeconds the {@code Retry-After} to send, 0 for none
   */
  public ProblemException(final ProblemCode code, final String detail, final long retryAfterSeconds) {
    this(code.status(), code.name(), detail, retryAfterSeconds);
  }

  /**
   * @param status the HTTP status
   * @param code a stable code (a receipt rejection or ledger reason passes under its own name)
   * @param detail what exactly was wrong
   */
  public ProblemException(final int status, final String code, final String detail) {
    this(status, code, detail, 0);
  }

  /**
   * @param status the HTTP status
   * @param code a stable code
   * @param detail what exactly was wrong
   * @param retryAfterSeconds the {@code Retry-After} to send, 0 for none
   */
  public ProblemException(final int status, final String code, final String detail, final long retryAfterSeconds) {
    // An expected answer, not a failure: no stack trace to fill.
    super(detail, null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * @param status the HTTP status
   * @param code a stable code
   * @param detail what exactly was wrong
   * @param cause the underlying failure
   */
  public ProblemException(final int status, final String code, final String detail, final Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfterSeconds = 0;
  }

  /** A 503 with {@code Retry-After} (at least 1 s): the answer exists, just not here or not now. */
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
}
