package dev.coffer.projections.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One webhook to send: the JSON body's fields. {@code id} is the delivery id, the same on every
 * attempt and after a restart, so the receiver drops a repeat.
 *
 * @param id the delivery id (a name-based UUID of eventId and type)
 * @param type {@code wallet.changed}, {@code inventory.changed}, {@code purchase.revoked} or {@code player.deleted}
 * @param appId the app
 * @param playerRef the player's random ref
 * @param playerId the game's own player id: only in {@code player.deleted}, the one time it leaves Coffer
 *     after the erasure, so the studio can erase it in its own systems; absent otherwise (and absent from a
 *     parked copy)
 * @param eventId the ledger event that caused it
 * @param eventType that event's kind
 * @param version the player's version after it
 * @param occurredAt when it occurred
 * @param data the balances or instances that changed (empty for {@code player.deleted})
 */
public record WebhookEvent(String id, String type, String appId, String playerRef,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String playerId, String eventId, String eventType,
                           long version, Instant occurredAt, Object data) {
  public WebhookEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }

  /** This webhook without the external player id: what may be parked or recorded. */
  public WebhookEvent withoutPlayerId() {
    return new WebhookEvent(id, type, appId, playerRef, null, eventId, eventType, version, occurredAt, data);
  }
}
