package dev.coffer.projections.history;

import dev.coffer.projections.inventory.InstanceMove;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.wallet.BalanceMove;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change to a player in the ledger history: the event that caused it and the version it made.
 *
 * @param version the player's version after the change
 * @param eventId the causing event
 * @param eventType its kind
 * @param occurredAt when it occurred
 * @param migration whether it came from a migration
 * @param balances the balances it moved
 * @param instances the instances it moved
 * @param encryptedDetails the event's personal details (reason, source ref, request id, the caller's key)
 *     sealed under the player's data key: opened only for the export; null when the event had none
 */
public record HistoryEntry(long version, String eventId, String eventType, Instant occurredAt, boolean migration,
                           List<BalanceMove> balances, List<InstanceMove> instances, byte[] encryptedDetails) {
  public HistoryEntry {
    Objects.requireNonNull(eventId, "eventId");
    balances = List.copyOf(balances);
    instances = List.copyOf(instances);
  }

  /** The entry of an applied outcome. */
  public static HistoryEntry of(final EventOutcome outcome) {
    return new HistoryEntry(outcome.version(), outcome.eventId(), outcome.eventType(), outcome.occurredAt(),
        outcome.migration(), outcome.balances(), outcome.instances(), outcome.encryptedDetails());
  }
}
