package dev.coffer.projections.players;

import dev.coffer.projections.outcomes.EventOutcome;

/**
 * Told by the topology, on the stream thread, after a player's views were written: how version
 * waits ({@link VersionWatch}) learn that a view caught up. Must be quick and must not throw.
 */
@FunctionalInterface
public interface ViewListener {
  /** A listener that does nothing. */
  ViewListener NONE = (playerKey, status, outcome) -> {};

  /**
   * The views of {@code playerKey} now stand at {@code status}.
   *
   * @param playerKey the player key
   * @param status the player's status after the outcome
   * @param outcome the outcome just processed
   */
  void viewsWritten(String playerKey, PlayerStatus status, EventOutcome outcome);
}
