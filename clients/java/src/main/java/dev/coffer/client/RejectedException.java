package dev.coffer.client;

import dev.coffer.client.model.RejectionReason;

/**
 * The ledger refused the event (409 or 422 with the outcome): nothing changed. One exception for every
 * reason: switch on {@link #reason()} ({@code INSUFFICIENT_FUNDS}, {@code ALREADY_OWNED}, ...).
 *
 * <p>A rule rejection uses up its idempotency key: sending the same request again is answered with the
 * same rejection (a DUPLICATE of it, {@code outcome().duplicate()}), so after fixing the cause (a top-up)
 * send a new key. Conflicts ({@code IDEMPOTENCY_KEY_REUSED}, {@code RECEIPT_ALREADY_USED}) are not recorded.
 */
public final class RejectedException extends ProblemException {
  private static final long serialVersionUID = 1L;
  private final RejectionReason reason;

  RejectedException(final Problem problem, final String idempotencyKey) {
    super(problem, idempotencyKey);
    final RejectionReason fromOutcome = problem.outcome().reason();
    this.reason = fromOutcome != null ? fromOutcome : RejectionReason.UNKNOWN;
  }

  /** Why the ledger refused the event ({@code UNKNOWN} for a reason newer than this SDK; see {@link #code()}). */
  public RejectionReason reason() {
    return reason;
  }
}
