package dev.coffer.client.model;

import java.time.Instant;
import java.util.List;

/**
 * One change to a player: a page entry of the ledger history, and the data of a server-sent
 * {@code change} (or {@code player.deleted}) event.
 *
 * @param version the player's version after the change (versions of applied changes follow each other)
 * @param eventId the event that caused it
 * @param eventType its kind
 * @param occurredAt when it occurred
 * @param migration whether it came from a migration
 * @param balances the balances it moved
 * @param instances the instances it moved
 * @param cause its cause (reason, sourceRefId, request id, idempotency key, store ids), opened: read with a
 *     server key only; {@code null} otherwise, and for an event that carried none
 */
public record LedgerEntry(long version, String eventId, EventType eventType, Instant occurredAt, boolean migration,
                          List<BalanceChange> balances, List<InstanceChange> instances, Cause cause) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public LedgerEntry {
    balances = balances == null ? List.of() : List.copyOf(balances);
    instances = instances == null ? List.of() : List.copyOf(instances);
  }
}
