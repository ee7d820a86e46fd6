package dev.coffer.projections.http;

import dev.coffer.projections.players.PlayerStatus;
import dev.coffer.projections.players.PlayerViews;
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
   * The player's views once at {@code minVersion}.
   *
   * @param minVersion the version asked for
   * @param views reads the views now
   * @param playerKey the player key the watch is keyed by
   */
  PlayerViews await(final long minVersion, final Supplier<PlayerViews> views, final String playerKey) {
    final PlayerViews now = views.get();
    if (reached(now, minVersion)) {
      return now;
    }
    final CompletableFuture<PlayerStatus> reached = watch.await(playerKey, minVersion);
    try {
      // Checked again after registering: a write between the first read and the registration counts.
      final PlayerViews again = views.get();
      if (reached(again, minVersion)) {
        return again;
      }
      reached.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return views.get();
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

  private static boolean reached(final PlayerViews views, final long minVersion) {
    return views.status().version() >= minVersion || views.status().erased();
  }
}
