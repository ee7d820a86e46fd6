package dev.coffer.client.model;

import java.util.Objects;

/**
 * A grant of currencies and items ({@code POST .../players/{playerId}/grants}, server key): a reward, a
 * compensation. Items must be in the catalog; a permanent item is granted once, one unit.
 *
 * @param idempotencyKey what makes it happen once (see {@link IdempotencyKeys})
 * @param reason why, for the history (up to 200 characters)
 * @param sourceRefId your reference (a quest, a ticket), or {@code null}
 * @param grants what it gives
 */
public record GrantRequest(String idempotencyKey, String reason, String sourceRefId, Grants grants) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public GrantRequest {
    IdempotencyKeys.check(idempotencyKey);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(grants, "grants");
  }

  /** A grant with a generated idempotency key ({@link #idempotencyKey()} tells it, to retry with). */
  public static GrantRequest of(final String reason, final Grants grants) {
    return new GrantRequest(IdempotencyKeys.generate(), reason, null, grants);
  }

  /** The same grant under {@code key}. */
  public GrantRequest withIdempotencyKey(final String key) {
    return new GrantRequest(key, reason, sourceRefId, grants);
  }

  /** The same grant with your reference. */
  public GrantRequest withSourceRefId(final String reference) {
    return new GrantRequest(idempotencyKey, reason, reference, grants);
  }
}
