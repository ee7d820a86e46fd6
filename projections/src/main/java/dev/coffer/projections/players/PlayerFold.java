package dev.coffer.projections.players;

import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.outcomes.EventOutcome;

/**
 * The read models' one rule, as a pure function: what an outcome does to a player's views.
 *
 * <ul>
 *   <li>Only APPLIED outcomes change views; REJECTED and DUPLICATE ones are only looked up by eventId.</li>
 *   <li>An outcome whose version the views already hold is a replay (at-least-once delivery, a
 *       restore) and changes nothing, so views never move backwards.</li>
 *   <li>An applied erasure drops every view and leaves only the erased marker; nothing changes
 *       the views of an erased player again.</li>
 * </ul>
 */
public final class PlayerFold {
  private PlayerFold() {
  }

  /** What an outcome did to the views. */
  public enum Effect {
    /** Nothing changed: not applied, a replay, or the player is erased. */
    UNCHANGED,
    /** The views moved to the outcome's version. */
    APPLIED,
    /** The player was erased: the views are gone. */
    ERASED
  }

  /**
   * The result of one outcome.
   *
   * @param effect what happened
   * @param views the views after it
   * @param entry the history entry to record, or {@code null} unless {@link Effect#APPLIED}; on APPLIED
   *     the outcome's instance moves are also written as rows (held instances, subscriptions)
   */
  public record Step(Effect effect, PlayerViews views, HistoryEntry entry) {
  }

  /**
   * Applies {@code outcome} to {@code before}.
   *
   * @param before the player's views
   * @param outcome an outcome of that player
   * @return the step
   */
  public static Step apply(final PlayerViews before, final EventOutcome outcome) {
    final PlayerStatus status = before.status();
    if (!outcome.applied() || status.erased() || outcome.version() <= status.version()) {
      return new Step(Effect.UNCHANGED, before, null);
    }
    if (outcome.erasure()) {
      return new Step(Effect.ERASED, new PlayerViews(new PlayerStatus(outcome.version(), true,
          outcome.occurredAt()), PlayerViews.NEW.wallet()), null);
    }
    final long version = outcome.version();
    final PlayerViews after = new PlayerViews(new PlayerStatus(version, false, null),
        outcome.balances().isEmpty() ? before.wallet() : before.wallet().apply(outcome.balances(), version));
    return new Step(Effect.APPLIED, after, HistoryEntry.of(outcome));
  }
}
