package dev.coffer.client.model;

import java.util.Objects;

/**
 * A spend of virtual currency ({@code POST .../players/{playerId}/spend}, server key); refused
 * {@link RejectionReason#INSUFFICIENT_FUNDS} if it would overdraw.
 *
 * @param idempotencyKey what makes it happen once (see {@link IdempotencyKeys})
 * @param currency the currency
 * @param amount how much, in the smallest unit (1 to 10^12)
 * @param reason why, for the history (up to 200 characters)
 * @param sourceRefId your reference (an order), or {@code null}
 */
public record SpendRequest(String idempotencyKey, String currency, long amount, String reason, String sourceRefId) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public SpendRequest {
    IdempotencyKeys.check(idempotencyKey);
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(reason, "reason");
    if (amount < 1) {
      throw new IllegalArgumentException("amount must be positive, was " + amount);
    }
  }

  /** A spend with a generated idempotency key ({@link #idempotencyKey()} tells it, to retry with). */
  public static SpendRequest of(final String currency, final long amount, final String reason) {
    return new SpendRequest(IdempotencyKeys.generate(), currency, amount, reason, null);
  }

  /** The same spend under {@code key}. */
  public SpendRequest withIdempotencyKey(final String key) {
    return new SpendRequest(key, currency, amount, reason, sourceRefId);
  }

  /** The same spend with your reference. */
  public SpendRequest withSourceRefId(final String reference) {
    return new SpendRequest(idempotencyKey, currency, amount, reason, reference);
  }
}
