package dev.coffer.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the ledger topology that change its results (so they belong to the deployment's
 * configuration, and changing them is a decision, not a restart detail).
 *
 * @param dedupeRetention how long a dedupe key is remembered, measured in record time (the
 *     ledger event's timestamp), never wall-clock; {@code null} keeps every key forever, which
 *     invariant 1 of the design asks for
 */
public record LedgerOptions(Duration dedupeRetention) {
  /** The defaults: dedupe keys kept forever. */
  public static final LedgerOptions DEFAULTS = new LedgerOptions(null);

  public LedgerOptions {
    if (dedupeRetention != null && (dedupeRetention.isNegative() || dedupeRetention.isZero())) {
      throw new IllegalArgumentException("dedupeRetention must be positive, was " + dedupeRetention);
    }
  }

  /** Whether dedupe keys are kept forever. */
  public boolean keepsDedupeKeysForever() {
    return dedupeRetention == null;
  }

  /** The same options with another dedupe retention. */
  public LedgerOptions withDedupeRetention(final Duration retention) {
    return new LedgerOptions(Objects.requireNonNull(retention, "retention"));
  }
}
