package dev.coffer.projections.players;

import java.time.Instant;

/**
 * Where a player's read models stand.
 *
 * @param version the player's version after the last applied event the read models hold
 * @param erased whether the player was erased (GDPR): the read models are gone and reads answer 404
 * @param erasedAt when the erasure occurred, or {@code null}
 */
public record PlayerStatus(long version, boolean erased, Instant erasedAt) {
  /** A player the read models have not seen. */
  public static final PlayerStatus NEW = new PlayerStatus(0, false, null);
}
