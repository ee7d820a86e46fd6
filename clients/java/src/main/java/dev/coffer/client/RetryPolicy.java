package dev.coffer.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a call is retried when the server answers 429 or 503, or does not answer at all. Every Coffer call is
 * safe to repeat (writes carry their idempotency key or receipt, which the gateway deduplicates), so a retry
 * sends the same request, same key. The wait before a retry is the server's {@code Retry-After} when it sent
 * one (never less), else an exponential backoff with jitter; a {@code Retry-After} longer than
 * {@link #maxRetryAfter()} is not waited for: the call fails at once with {@link UnavailableException}
 * (whose {@code retryAfter()} tells when to come back).
 *
 * @param maxAttempts attempts in all, the first included (1: no retry)
 * @param initialBackoff the wait before the first retry without {@code Retry-After}; doubled each retry
 * @param maxBackoff the longest backoff wait
 * @param maxRetryAfter the longest {@code Retry-After} the call waits for
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must not be negative");
    }
  }

  /** 4 attempts, backoff from 200 ms up to 5 s, {@code Retry-After} honoured up to 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /** One attempt: every 429, 503 or network failure is the caller's. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  /** The same policy with {@code attempts} attempts in all. */
  public RetryPolicy withMaxAttempts(final int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /** The same policy with another backoff. */
  public RetryPolicy withBackoff(final Duration initial, final Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter);
  }

  /** The same policy waiting for a {@code Retry-After} up to {@code max}. */
  public RetryPolicy withMaxRetryAfter(final Duration max) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, max);
  }

  /** The backoff before retry number {@code retry} (1 for the first): half fixed, half random. */
  Duration backoff(final int retry) {
    final long cap = maxBackoff.toMillis();
    final long doubled = initialBackoff.toMillis() << Math.min(20, retry - 1);
    final long base = Math.min(cap, doubled < 0 ? cap : doubled);
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  private static void requirePositive(final Duration d, final String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
