package dev.coffer.schemas.outcome;

/**
 * Reads the {@link RejectionReason} of an outcome, whichever release wrote it: the typed
 * {@code rejectionReason} when set, else the string {@code reason} (outcomes written before the field
 * existed carry only that).
 */
public final class RejectionReasons {
  private RejectionReasons() {
  }

  /**
   * The reason of an outcome.
   *
   * @param outcome the outcome
   * @return its reason; {@link RejectionReason#UNKNOWN} for a code this build does not know; {@code null}
   *     when the outcome has none (APPLIED, or a DUPLICATE of an applied event)
   */
  public static RejectionReason of(final LedgerOutcome outcome) {
    final RejectionReason typed = outcome.getRejectionReason();
    if (typed != null && typed != RejectionReason.UNKNOWN) {
      return typed;
    }
    final RejectionReason named = parse(outcome.getReason());
    return named != null ? named : typed;
  }

  /**
   * The reason a code names.
   *
   * @param code a reason's symbol, e.g. {@code INSUFFICIENT_FUNDS}; nullable
   * @return the reason; {@link RejectionReason#UNKNOWN} for a code this build does not know; {@code null}
   *     for {@code null}
   */
  public static RejectionReason parse(final String code) {
    if (code == null) {
      return null;
    }
    for (final RejectionReason reason : RejectionReason.values()) {
      if (reason.name().equals(code)) {
        return reason;
      }
    }
    return RejectionReason.UNKNOWN;
  }
}
