package dev.coffer.projections.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between webhook attempts: {@code initial}, doubled after each failure, capped
 * at {@code max}.
 *
 * @param initial the wait after the first failure
 * @param max the longest wait
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration after(final int attempt) {
    final int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    final long millis = initial.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
