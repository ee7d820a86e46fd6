package dev.coffer.client;

/**
 * The server answered 429 or 503 (with a {@code Retry-After}) more often than the {@link RetryPolicy}
 * allows, or asked for a longer wait than it allows. Codes: {@code RATE_LIMITED}, {@code KAFKA_UNAVAILABLE},
 * {@code NOT_READY}, {@code REBALANCING}, {@code VIEW_BEHIND}, {@code STORE_API_UNAVAILABLE},
 * {@code TOO_MANY_STREAMS}, ...
 */
public final class UnavailableException extends ProblemException {
  private static final long serialVersionUID = 1L;

  UnavailableException(final Problem problem, final String idempotencyKey) {
    super(problem, idempotencyKey);
  }

  /**
   * Whether a write may have been recorded ({@code KAFKA_UNAVAILABLE}: the broker did not confirm it in
   * time). Send the same request (same idempotency key, same receipt) again: a recorded one is answered with
   * its first outcome.
   */
  public boolean outcomeUnknown() {
    return "KAFKA_UNAVAILABLE".equals(code());
  }
}
