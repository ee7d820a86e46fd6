package dev.coffer.gateway.receipts.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A Stripe event whose signature held.
 *
 * @param id                 the event id ({@code evt_...}): what a redelivery repeats
 * @param type               e.g. {@code checkout.session.completed}
 * @param livemode           false for test mode (the sandbox)
 * @param created            when Stripe created the event
 * @param object             {@code data.object}, as Stripe sent it
 * @param previousAttributes {@code data.previous_attributes}, when Stripe sent it; nullable
 */
public record StripeEvent(String id, String type, boolean livemode, Instant created, JsonNode object,
                          JsonNode previousAttributes) {

  /** Requires the fields every event has. */
  public StripeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(object, "object");
  }
}
