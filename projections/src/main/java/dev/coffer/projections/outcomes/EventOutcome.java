package dev.coffer.projections.outcomes;

import dev.coffer.keys.PlayerKey;
import dev.coffer.projections.inventory.InstanceMove;
import dev.coffer.projections.wallet.BalanceMove;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the ledger did with one submitted event ({@code LedgerOutcome}) as plain values: the read
 * models' input. (What {@code GET /events/{eventId}} answers is the service kit's {@code OutcomeJson},
 * the one outcome JSON of every Coffer API.)
 *
 * @param eventId the submitted event
 * @param dedupeKey the event's dedupe key
 * @param appId the tenant
 * @param playerRef the player ref
 * @param eventType the kind of event (PURCHASE_VERIFIED, ..., PLAYER_ERASED)
 * @param status APPLIED, DUPLICATE or REJECTED
 * @param reason a stable code when REJECTED (or the original's, for a DUPLICATE of a rejection)
 * @param message a human-readable explanation of {@code reason}
 * @param originalEventId for a DUPLICATE: the first submission
 * @param originalStatus for a DUPLICATE: what happened to the first submission
 * @param version the player's version after the event
 * @param balances balances the event changed (the original's, for a DUPLICATE)
 * @param instances instances the event changed (the original's, for a DUPLICATE)
 * @param occurredAt the event's occurredAt
 * @param migration whether the event came from a migration (no webhook fires)
 * @param encryptedDetails the event's personal details sealed under the player's data key (the export's
 *     causes), or null
 */
public record EventOutcome(String eventId, String dedupeKey, String appId, String playerRef, String eventType,
                           String status, String reason, String message, String originalEventId,
                           String originalStatus, long version, List<BalanceMove> balances,
                           List<InstanceMove> instances, Instant occurredAt, boolean migration,
                           byte[] encryptedDetails) {
  /** The status of an event that changed state. */
  public static final String APPLIED = "APPLIED";
  /** The event type of a GDPR erasure. */
  public static final String PLAYER_ERASED = "PLAYER_ERASED";
  /** The event type of a revocation. */
  public static final String PURCHASE_REVOKED = "PURCHASE_REVOKED";

  public EventOutcome {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(playerRef, "playerRef");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(status, "status");
    balances = List.copyOf(balances);
    instances = List.copyOf(instances);
  }

  /** Whether the event changed the player's state. */
  public boolean applied() {
    return APPLIED.equals(status);
  }

  /** Whether the event is an applied GDPR erasure. */
  public boolean erasure() {
    return applied() && PLAYER_ERASED.equals(eventType);
  }

  /** The player key, {@code appId|playerRef}. */
  public String playerKey() {
    return PlayerKey.of(appId, playerRef);
  }
}
