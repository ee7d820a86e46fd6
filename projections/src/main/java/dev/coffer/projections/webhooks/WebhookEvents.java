package dev.coffer.projections.webhooks;

import dev.coffer.projections.outcomes.EventOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which webhooks an outcome fires, as a pure function of the outcome. */
public final class WebhookEvents {
  public static final String WALLET_CHANGED = "wallet.changed";
  public static final String INVENTORY_CHANGED = "inventory.changed";
  public static final String PURCHASE_REVOKED = "purchase.revoked";
  public static final String PLAYER_DELETED = "player.deleted";

  private WebhookEvents() {
  }

  /**
   * The webhooks of {@code outcome}: none unless it was APPLIED and not a migration, and none for an
   * erasure (its {@code player.deleted} comes from the erased player's data key record, see
   * {@link #playerDeleted}); else {@code wallet.changed} if balances moved, {@code inventory.changed} if
   * instances moved, and {@code purchase.revoked} for a revocation.
   */
  public static List<WebhookEvent> of(final EventOutcome outcome) {
    if (!outcome.applied() || outcome.migration() || outcome.erasure()) {
      return List.of();
    }
    final List<WebhookEvent> events = new ArrayList<>(3);
    if (!outcome.balances().isEmpty()) {
      events.add(event(outcome, WALLET_CHANGED, Map.of("balances", outcome.balances())));
    }
    if (!outcome.instances().isEmpty()) {
      events.add(event(outcome, INVENTORY_CHANGED, Map.of("instances", outcome.instances())));
    }
    if (EventOutcome.PURCHASE_REVOKED.equals(outcome.eventType())) {
      events.add(event(outcome, PURCHASE_REVOKED, Map.of("balances", outcome.balances(),
          "instances", outcome.instances())));
    }
    return events;
  }

  /**
   * The one {@code player.deleted} webhook of an erased player, carrying its external id.
   *
   * @param appId the app
   * @param playerRef the erased player's ref
   * @param playerId the external id (opened with the player's data key just before it is destroyed), or null
   *     if it could not be opened
   * @param erasureEventId the PlayerErased event
   * @param version the player's version after the erasure
   * @param erasedAt when the directory forgot the player
   * @return the webhook
   */
  public static WebhookEvent playerDeleted(final String appId, final String playerRef, final String playerId,
                                           final String erasureEventId, final long version, final Instant erasedAt) {
    return new WebhookEvent(deliveryId(appId + "|" + playerRef, PLAYER_DELETED), PLAYER_DELETED, appId, playerRef,
        playerId, erasureEventId, EventOutcome.PLAYER_ERASED, version, erasedAt, Map.of());
  }

  /** The delivery id of {@code type} for {@code eventId}: the same whenever it is computed. */
  public static String deliveryId(final String eventId, final String type) {
    return UUID.nameUUIDFromBytes((eventId + "|" + type).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static WebhookEvent event(final EventOutcome o, final String type, final Object data) {
    return new WebhookEvent(deliveryId(o.eventId(), type), type, o.appId(), o.playerRef(), null, o.eventId(),
        o.eventType(), o.version(), o.occurredAt(), data);
  }
}
