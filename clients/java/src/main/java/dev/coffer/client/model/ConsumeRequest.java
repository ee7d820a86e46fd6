package dev.coffer.client.model;

import java.util.Objects;

/**
 * A consume of units of an item instance ({@code POST .../players/{playerId}/items/{instanceId}/consume},
 * server key): the item's {@code onConsume} grants are credited.
 *
 * @param idempotencyKey what makes it happen once (see {@link IdempotencyKeys})
 * @param itemId the item the instance is of (the ledger refuses {@link RejectionReason#ITEM_MISMATCH} otherwise)
 * @param quantity units to use up (at least 1)
 */
public record ConsumeRequest(String idempotencyKey, String itemId, long quantity) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public ConsumeRequest {
    IdempotencyKeys.check(idempotencyKey);
    Objects.requireNonNull(itemId, "itemId");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }

  /** A consume with a generated idempotency key ({@link #idempotencyKey()} tells it, to retry with). */
  public static ConsumeRequest of(final String itemId, final long quantity) {
    return new ConsumeRequest(IdempotencyKeys.generate(), itemId, quantity);
  }

  /** The same consume under {@code key}. */
  public ConsumeRequest withIdempotencyKey(final String key) {
    return new ConsumeRequest(key, itemId, quantity);
  }
}
