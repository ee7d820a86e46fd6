package dev.coffer.gateway.ledger;

/**
 * A record could not be confirmed written (broker or registry unreachable, timeout). A timed-out
 * idempotent send may still be in the log, so the outcome is unknown,
 * and the caller may retry with the same idempotency key.
 */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause why
   */
  public KafkaUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
