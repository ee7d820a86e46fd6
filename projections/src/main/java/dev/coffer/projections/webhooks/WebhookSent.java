package dev.coffer.projections.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One webhook sent for a player, as the export lists it.
 *
 * @param deliveryId the delivery id (the body's {@code id})
 * @param type {@code wallet.changed}, {@code inventory.changed}, {@code purchase.revoked}
 * @param eventId the ledger event that caused it
 * @param version the player's version it reported
 * @param result DELIVERED or PARKED
 * @param attempts attempts made
 * @param at when it was delivered or parked
 */
public record WebhookSent(String deliveryId, String type, String eventId, long version, String result, int attempts,
                          Instant at) {
  public WebhookSent {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(at, "at");
  }
}
