package dev.coffer.projections.http;

import dev.coffer.projections.players.PlayerStatus;
import dev.coffer.projections.players.VersionWatch;
import dev.coffer.service.problem.ProblemException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Read-your-writes: {@code ?minVersion=N} waits, bounded, until the player's view has reached
 * version N (or the player was erased), else answers 503 {@code VIEW_BEHIND} with {@code Retry-After}.
 */
final class VersionWait {
  private final VersionWatch watch;
  private final Duration bound;
  private final long retryAfterSeconds;

  VersionWait(final VersionWatch watch, final Duration bound, final long retryAfterSeconds) {
    this.watch = Objects.requireNonNull(watch, "watch");
    this.bound = Objects.requireNonNull(bound, "bound");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * The player's status once at {@code minVersion}.
   *
   * @param minVersion the version asked for
   * @param status reads the status now
   * @param playerKey the player key the watch is keyed by
   */
  PlayerStatus await(final long minVersion, final Supplier<PlayerStatus> status, final String playerKey) {
    final PlayerStatus now = status.get();
    if (now.version() >= minVersion || now.erased()) {
      return now;
    }
    final CompletableFuture<PlayerStatus> reached = watch.await(playerKey, minVersion);
    try {
      // Checked again after registering: a write between the first read and the registration counts.
      final PlayerStatus again = status.get();
      if (again.version() >= minVersion || again.erased()) {
        return again;
      }
      reached.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return status.get();
    } catch (final TimeoutException e) {
      throw ProblemException.unavailable("VIEW_BEHIND", "the view has not reached version " + minVersion
          + " within " + bound.toMillis() + " ms", retryAfterSeconds);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("VIEW_BEHIND", "interrupted while waiting for version " + minVersion,
          retryAfterSeconds);
    } catch (final ExecutionException e) {
      throw new IllegalStateException("a version wait failed", e);
    } finally {
      watch.cancel(playerKey, reached);
    }
  }
}
