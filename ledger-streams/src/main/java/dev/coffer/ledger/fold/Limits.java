package dev.coffer.ledger.fold;

/**
 * The fold's bounds on one player's hot state, so no player can grow a value past what the broker
 * takes (its changelog record) and stop the ledger for everyone.
 *
 * @param maxActiveInstances the most active item instances a player may hold; an event that would
 *     hold more is rejected {@code INVENTORY_FULL}
 * @param maxStateBytes the largest encoded player state the fold stores; an event that would make
 *     it larger is rejected {@code STATE_TOO_LARGE}. Keep it below the broker's and changelog
 *     topic's {@code max.message.bytes} (1 MiB by default) and the producer's {@code max.request.size}.
 */
public record Limits(int maxActiveInstances, int maxStateBytes) {
  /** About 300 KB of instances, well below a 1 MiB record. */
  public static final int DEFAULT_MAX_ACTIVE_INSTANCES = 2_000;
  /** Below the broker's default 1 MiB message limit, with room for the record's framing. */
  public static final int DEFAULT_MAX_STATE_BYTES = 900_000;
  /** The defaults. */
  public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_ACTIVE_INSTANCES, DEFAULT_MAX_STATE_BYTES);

  public Limits {
    if (maxActiveInstances < 1) {
      throw new IllegalArgumentException("maxActiveInstances must be at least 1, was " + maxActiveInstances);
    }
    if (maxStateBytes < 1024) {
      throw new IllegalArgumentException("maxStateBytes must be at least 1024, was " + maxStateBytes);
    }
  }
}
