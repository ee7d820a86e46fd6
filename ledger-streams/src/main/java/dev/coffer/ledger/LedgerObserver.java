package dev.coffer.ledger;

/**
 * What the ledger topology reports as it works, in plain Java: the runtime turns it into metrics.
 * Called on the stream thread; implementations must be fast and must not throw.
 */
public interface LedgerObserver {
  /** An observer that ignores everything. */
  LedgerObserver NONE = new LedgerObserver() {
    @Override
    public void onOutcome(final String appId, final String status, final String reason) {
    }

    @Override
    public void onDeadLetter(final String reason) {
    }

    @Override
    public void onRedelivery(final String appId) {
    }
  };

  /**
   * One outcome was emitted to {@code coffer.ledger-outcomes}.
   *
   * @param appId the tenant
   * @param status APPLIED, DUPLICATE or REJECTED
   * @param reason the reason code (e.g. INSUFFICIENT_FUNDS, RECEIPT_ALREADY_USED), or {@code null}
   */
  void onOutcome(String appId, String status, String reason);

  /**
   * One input record was sent to {@code coffer.ledger-dead-letters}.
   *
   * @param reason the reason code written in the record's {@code coffer.dlq.reason} header
   */
  void onDeadLetter(String reason);

  /**
   * One event was read again under its own id (a producer wrote its record twice) and was neither
   * decided nor answered again.
   *
   * @param appId the tenant
   */
  void onRedelivery(String appId);
}
