package dev.coffer.projections.players;

import dev.coffer.projections.outcomes.EventOutcome;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits of readers for a player's views to reach a version ({@code ?minVersion=N}), completed by
 * the topology as it writes ({@link ViewListener}) rather than by polling. A wait registers first,
 * then the reader checks the store once more, so a write between the two is never missed.
 */
public final class VersionWatch implements ViewListener {
  private record Waiter(long minVersion, CompletableFuture<PlayerStatus> reached) {
  }

  private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

  /**
   * A future completed with the player's status once its version reaches {@code minVersion} (or it
   * is erased). The caller bounds the wait and calls {@link #cancel} if it gives up.
   */
  public CompletableFuture<PlayerStatus> await(final String playerKey, final long minVersion) {
    final CompletableFuture<PlayerStatus> reached = new CompletableFuture<>();
    waiting.computeIfAbsent(playerKey, k -> ConcurrentHashMap.newKeySet()).add(new Waiter(minVersion, reached));
    return reached;
  }

  /** Forgets a wait (answered otherwise, or timed out). */
  public void cancel(final String playerKey, final CompletableFuture<PlayerStatus> reached) {
    waiting.computeIfPresent(playerKey, (k, waiters) -> {
      waiters.removeIf(w -> w.reached() == reached);
      return waiters.isEmpty() ? null : waiters;
    });
  }

  /** How many waits are open (metrics). */
  public int waiting() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }

  @Override
  public void viewsWritten(final String playerKey, final PlayerStatus status, final EventOutcome outcome) {
    waiting.computeIfPresent(playerKey, (k, waiters) -> {
      waiters.removeIf(w -> {
        if (status.erased() || status.version() >= w.minVersion()) {
          w.reached().complete(status);
          return true;
        }
        return false;
      });
      return waiters.isEmpty() ? null : waiters;
    });
  }
}
