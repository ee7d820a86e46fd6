package dev.coffer.gateway.ledger;

import dev.coffer.keys.DedupeKey;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.Store;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the envelope of ledger events with their dedupe keys ({@link DedupeKey}): a store purchase
 * keyed by its receipt, a caller's request by the caller's idempotency key, and what Coffer does on
 * its own (erasure, store notifications) by a system key no caller can reach. Every event gets a
 * fresh UUID.
 */
public final class LedgerEvents {
  private LedgerEvents() {
  }

  /** The dedupe key of a store purchase. */
  public static String receiptKey(final String appId, final Store store, final String transactionId) {
    return DedupeKey.Receipt.of(appId, store, transactionId).value();
  }

  /**
   * A store purchase keyed by its receipt.
   *
   * @param appId the app
   * @param playerRef the player ref
   * @param store the store
   * @param transactionId the store's transaction id (also the envelope's idempotency key)
   * @param payload the purchase
   * @param requestId the HTTP request id
   * @param now the time of acceptance
   * @return the event, with a fresh eventId
   */
  public static LedgerEvent forReceipt(final String appId, final String playerRef, final Store store,
                                       final String transactionId, final Object payload, final String requestId,
                                       final Instant now) {
    return event(appId, playerRef, transactionId, receiptKey(appId, store, transactionId), payload, false,
        requestId, now);
  }

  /** A player's event keyed by the caller's idempotency key ({@code appId|player|<playerRef>|<key>}). */
  public static LedgerEvent forPlayer(final String appId, final String playerRef, final String idempotencyKey,
                                      final Object payload, final boolean migration, final String requestId,
                                      final Instant now) {
    return event(appId, playerRef, idempotencyKey, new DedupeKey.Caller(appId, playerRef, idempotencyKey).value(),
        payload, migration, requestId, now);
  }

  /**
   * A player's event keyed by a name Coffer made ({@code appId|system|<playerRef>|<name>}): erasure,
   * a store notification. A caller's idempotency key can never collide with it.
   */
  public static LedgerEvent forSystem(final String appId, final String playerRef, final String name,
                                      final Object payload, final boolean migration, final String requestId,
                                      final Instant now) {
    return event(appId, playerRef, name, new DedupeKey.SystemMade(appId, playerRef, name).value(), payload,
        migration, requestId, now);
  }

  private static LedgerEvent event(final String appId, final String playerRef, final String idempotencyKey,
                                   final String dedupeKey, final Object payload, final boolean migration,
                                   final String requestId, final Instant now) {
    return LedgerEvent.newBuilder().setEventId(UUID.randomUUID()).setAppId(appId).setPlayerRef(playerRef)
        .setIdempotencyKey(idempotencyKey).setDedupeKey(dedupeKey).setOccurredAt(now).setRequestId(requestId)
        .setMigration(migration).setPayload(payload).build();
  }
}
