package dev.coffer.ledger.runtime;

import dev.coffer.registry.RegistryUnavailableException;
import java.time.Duration;

/**
 * Tells a stream thread's death by a passing cause (the schema registry out of reach) from a
 * deterministic one, and paces the replacement of threads that die of a passing cause.
 *
 * <p>A passing cause must never stop the instance: the thread is replaced and the record retried
 * (exactly-once aborts the open transaction, so nothing is skipped or applied twice), after a backoff
 * that doubles up to a ceiling, so an outage of minutes costs a retry every half minute rather than a
 * crash loop. The backoff starts over once the instance has run for a while without dying.
 */
final class TransientFailures {
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration CEILING = Duration.ofSeconds(30);
  /** A replacement this long after the previous one is a new outage, not the same one. */
  private static final Duration CALM = Duration.ofMinutes(2);

  private long lastReplacementNanos;
  private Duration next = FIRST;

  /** Whether {@code failure} (or one of its causes) is a passing one. */
  static boolean isTransient(final Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /** How long to wait before the next replacement; each call doubles the following one. */
  synchronized Duration nextBackoff(final long nowNanos) {
    if (lastReplacementNanos != 0 && nowNanos - lastReplacementNanos > CALM.toNanos()) {
      next = FIRST;
    }
    lastReplacementNanos = nowNanos;
    final Duration wait = next;
    next = next.multipliedBy(2).compareTo(CEILING) > 0 ? CEILING : next.multipliedBy(2);
    return wait;
  }
}
