package dev.coffer.client;

/**
 * Every failure of a Coffer call. The subclasses say what happened:
 * <ul>
 *   <li>{@link RejectedException}: the ledger refused the event (409/422 with the outcome and a
 *       {@link dev.coffer.client.model.RejectionReason}); nothing changed.
 *   <li>{@link UnavailableException}: 429 or 503 still, after the retries the {@link RetryPolicy} allows.
 *       For a write, the outcome may be unknown ({@link UnavailableException#outcomeUnknown()}): send the same
 *       request (same idempotency key) again later.
 *   <li>{@link ProblemException}: any other problem answer (400 malformed, 401, 403, 404, 422 receipt
 *       refusals such as {@code BAD_SIGNATURE}, ...), with its stable {@code code}.
 *   <li>{@link PendingException}: a write was recorded but its outcome did not arrive within the
 *       {@link FollowPolicy}; poll it later by event id.
 *   <li>{@link TransportException}: no answer at all (connection refused, timeout) after the retries; for a
 *       write the outcome is unknown: send the same request again.
 * </ul>
 * A write's exception carries the request's idempotency key ({@link #idempotencyKey()}), the one to retry with.
 */
public abstract class CofferException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String idempotencyKey;
  private final String requestId;

  CofferException(final String message, final Throwable cause, final String idempotencyKey, final String requestId) {
    super(message, cause);
    this.idempotencyKey = idempotencyKey;
    this.requestId = requestId;
  }

  /** The idempotency key of the write that failed (retry with it), or {@code null} (reads, purchases). */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The server's {@code X-Request-Id} of the last attempt (also in its logs), or {@code null}. */
  public String requestId() {
    return requestId;
  }
}
