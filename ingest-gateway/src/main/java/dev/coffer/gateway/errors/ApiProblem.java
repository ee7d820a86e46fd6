package dev.coffer.gateway.errors;

import java.util.Objects;

/**
 * A request that cannot be served, with its HTTP status, a stable code and a detail for people; the
 * HTTP layer answers it as {@code application/problem+json}.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  /**
   * @param code one of the gateway's codes
   * @param detail what exactly was wrong
   */
  public ApiProblem(final ErrorCode code, final String detail) {
    this(code.status(), code.name(), detail);
  }

  /**
   * @param status the HTTP status
   * @param code a stable code (a receipt rejection or ledger reason)
   * @param detail what exactly was wrong
   */
  public ApiProblem(final int status, final String code, final String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * @param status the HTTP status
   * @param code a stable code
   * @param detail what exactly was wrong
   * @param cause the underlying failure
   */
  public ApiProblem(final int status, final String code, final String detail, final Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The stable code. */
  public String code() {
    return code;
  }
}
