package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.rejection.Reason;

/**
 * Judges an event against what is remembered of its dedupe key: the receipt stage for receipts
 * (unique across players), the fold for player-scoped keys (unique within the player). Plain Java,
 * no clock. Keys never expire: an expired receipt key would let the same receipt credit twice.
 */
public final class DedupeRules {
  private DedupeRules() {
  }

  /**
   * The event being judged.
   *
   * @param eventId its id
   * @param appId its tenant
   * @param playerRef its player
   * @param fingerprint its content fingerprint
   * @param receipt whether its dedupe key is a receipt's (unique across players)
   * @param recordTime its record timestamp, epoch millis
   */
  public record Candidate(String eventId, String appId, String playerRef, String fingerprint, boolean receipt,
                          long recordTime) {
  }

  /**
   * Judges a candidate.
   *
   * @param remembered what is remembered of the key, or {@code null}
   * @param candidate the event
   * @return NEW, DUPLICATE of the original, REDELIVERED (the original itself, read again), or REJECTED
   *     (RECEIPT_ALREADY_USED, IDEMPOTENCY_KEY_REUSED)
   */
  public static Verdict judge(final DedupeRecord remembered, final Candidate candidate) {
    if (remembered == null) {
      return new Verdict.New();
    }
    final boolean samePlayer = remembered.appId().equals(candidate.appId())
        && remembered.playerRef().equals(candidate.playerRef());
    if (!samePlayer && candidate.receipt()) {
      return new Verdict.Rejected(Reason.RECEIPT_ALREADY_USED,
          "the receipt was already used by another player", remembered.originalEventId());
    }
    if (!samePlayer || !remembered.fingerprint().equals(candidate.fingerprint())) {
      return new Verdict.Rejected(Reason.IDEMPOTENCY_KEY_REUSED,
          "the key was already used with different content", remembered.originalEventId());
    }
    if (remembered.originalEventId().equals(candidate.eventId())) {
      return new Verdict.Redelivered(candidate.eventId());
    }
    return new Verdict.Duplicate(remembered.originalEventId());
  }

  /**
   * What to remember of a NEW candidate.
   *
   * @param candidate the event judged NEW
   * @return the record to store under its dedupe key
   */
  public static DedupeRecord remember(final Candidate candidate) {
    return new DedupeRecord(candidate.eventId(), candidate.fingerprint(), candidate.appId(), candidate.playerRef(),
        candidate.recordTime());
  }
}
