package dev.coffer.embedded;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, polling it: the way to wait on anything asynchronous (a
 * Streams app reaching RUNNING, a record arriving, a view catching up) instead of a fixed sleep.
 *
 * <pre>{@code
 * Await.until("the app is RUNNING", Duration.ofSeconds(30), () -> streams.state() == State.RUNNING);
 * }</pre>
 */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(50);

  private Await() {
  }

  /**
   * Returns once {@code condition} holds; fails with an {@link AssertionError} naming {@code what} when
   * {@code timeout} passes first. An exception thrown by the condition ends the wait at once.
   */
  public static void until(final String what, final Duration timeout, final BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }

  /**
   * Returns the first present value {@code probe} yields; fails with an {@link AssertionError} naming
   * {@code what} when {@code timeout} passes first.
   */
  public static <T> T value(final String what, final Duration timeout, final Supplier<Optional<T>> probe) {
    Objects.requireNonNull(probe, "probe");
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        // The pause between two polls of a deadline-bound condition, not a guess at a duration.
        Thread.sleep(POLL);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
