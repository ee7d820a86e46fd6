package dev.coffer.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ledger did with one event: the same JSON from a write's 200, from under {@code outcome} in a
 * rejection's problem, and from {@code GET /v1/apps/{appId}/events/{eventId}}.
 *
 * @param eventId the event this outcome answers: the one the request submitted, also for a DUPLICATE
 * @param appId the app
 * @param playerRef the player's pseudonymous ref (what every Kafka record of the player carries)
 * @param dedupeKey what made the event unique ({@code appId|player|<playerRef>|<idempotencyKey>} for a call,
 *     {@code appId|receipt|<store>|<transactionId>} for a receipt)
 * @param eventType what kind of event it was
 * @param status APPLIED, DUPLICATE or REJECTED
 * @param reason why it was refused (REJECTED, or a DUPLICATE of a rejection); else {@code null}
 * @param message a human-readable explanation of {@code reason}, or {@code null}
 * @param originalEventId for a DUPLICATE (and a rejection of a reused key): the first event with this dedupe key
 * @param originalStatus for a DUPLICATE: what became of the first event (APPLIED or REJECTED)
 * @param version the player's version after the event (the first event's, for a DUPLICATE): read your write
 *     with {@code ReadOptions.atLeast(version)}
 * @param occurredAt when the event occurred
 * @param migration whether the event came from a migration
 * @param balances the balances it changed (the first event's, for a DUPLICATE)
 * @param instances the item instances it changed (the first event's, for a DUPLICATE)
 */
public record Outcome(String eventId, String appId, String playerRef, String dedupeKey, EventType eventType,
                      OutcomeStatus status, RejectionReason reason, String message, String originalEventId,
                      OutcomeStatus originalStatus, long version, Instant occurredAt, boolean migration,
                      List<BalanceChange> balances, List<InstanceChange> instances) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Outcome {
    balances = balances == null ? List.of() : List.copyOf(balances);
    instances = instances == null ? List.of() : List.copyOf(instances);
  }

  /** Whether the request failed: REJECTED, or a DUPLICATE of a rejected event. */
  public boolean rejected() {
    return status == OutcomeStatus.REJECTED
        || status == OutcomeStatus.DUPLICATE && originalStatus == OutcomeStatus.REJECTED;
  }

  /** Whether the event was a repeat of one the ledger had seen (its first outcome is what this reports). */
  public boolean duplicate() {
    return status == OutcomeStatus.DUPLICATE;
  }

  /** The balance of {@code currency} after the event, if the event changed it. */
  public Optional<Long> balance(final String currency) {
    return balances.stream().filter(b -> b.currency().equals(currency)).map(BalanceChange::balance).findFirst();
  }
}
