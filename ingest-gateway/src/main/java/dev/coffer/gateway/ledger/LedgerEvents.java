package dev.coffer.gateway.ledger;

import dev.coffer.schemas.ledger.LedgerEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the envelope of ledger events with the dedupe keys of the design: a store purchase
 * {@code appId|receipt|<store>|<transactionId>}, everything else
 * {@code appId|player|<playerRef>|<idempotencyKey>}. Every event gets a fresh UUID.
 */
public final class LedgerEvents {
  private LedgerEvents() {
  }

  /** The dedupe key of a store purchase; the store in lower case ({@code google_play}). */
  public static String receiptKey(final String appId, final dev.coffer.schemas.ledger.Store store,
                                  final String transactionId) {
    return appId + "|receipt|" + store.name().toLowerCase(Locale.ROOT) + "|" + transactionId;
  }

  /** The dedupe key of a player's request. */
  public static String playerKey(final String appId, final String playerRef, final String idempotencyKey) {
    return appId + "|player|" + playerRef + "|" + idempotencyKey;
  }

  /**
   * An event.
   *
   * @param appId the app
   * @param playerRef the player ref
   * @param idempotencyKey the caller's key (the transaction id for store purchases)
   * @param dedupeKey the dedupe key (record key)
   * @param payload what happened
   * @param migration whether it is a migrated row
   * @param requestId the HTTP request id
   * @param now the time of acceptance
   * @return the event, with a fresh eventId
   */
  public static LedgerEvent event(final String appId, final String playerRef, final String idempotencyKey,
                                  final String dedupeKey, final Object payload, final boolean migration,
                                  final String requestId, final Instant now) {
    return LedgerEvent.newBuilder().setEventId(UUID.randomUUID()).setAppId(appId).setPlayerRef(playerRef)
        .setIdempotencyKey(idempotencyKey).setDedupeKey(dedupeKey).setOccurredAt(now).setRequestId(requestId)
        .setMigration(migration).setPayload(payload).build();
  }

  /** A player's event keyed {@code appId|player|<playerRef>|<idempotencyKey>}. */
  public static LedgerEvent forPlayer(final String appId, final String playerRef, final String idempotencyKey,
                                      final Object payload, final boolean migration, final String requestId,
                                      final Instant now) {
    return event(appId, playerRef, idempotencyKey, playerKey(appId, playerRef, idempotencyKey), payload, migration,
        requestId, now);
  }
}
