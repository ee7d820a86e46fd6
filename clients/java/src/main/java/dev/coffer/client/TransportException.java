package dev.coffer.client;

/**
 * No HTTP answer (connection refused or reset, timeout) after the retries the {@link RetryPolicy} allows.
 * For a write the outcome is unknown: send the same request (same idempotency key) again.
 */
public final class TransportException extends CofferException {
  private static final long serialVersionUID = 1L;

  TransportException(final String message, final Throwable cause, final String idempotencyKey) {
    super(message, cause, idempotencyKey, null);
  }
}
