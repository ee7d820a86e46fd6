package dev.coffer.client;

import dev.coffer.client.model.Outcome;

/**
 * How fresh a read must be. Projections are built from the ledger's outcomes a moment after a write is
 * answered; {@link #atLeast(long)} makes the read wait (bounded by the server) until the player's view has
 * reached the version a write returned: read-your-writes.
 *
 * <pre>{@code
 * Outcome spent = client.writes().spend("alice", SpendRequest.of("gems", 30, "sword"));
 * Wallet wallet = client.reads().wallet("alice", atLeast(spent.version()));
 * }</pre>
 *
 * A view still behind after the server's bound answers 503 {@code VIEW_BEHIND}, retried per the client's
 * {@link RetryPolicy}.
 *
 * @param minVersion the player's version the answer must reflect at least (0: whatever the view holds now)
 */
public record ReadOptions(long minVersion) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public ReadOptions {
    if (minVersion < 0) {
      throw new IllegalArgumentException("minVersion must not be negative, was " + minVersion);
    }
  }

  /** Whatever the view holds now. */
  public static ReadOptions latest() {
    return new ReadOptions(0);
  }

  /** A view that has reached at least {@code version}. */
  public static ReadOptions atLeast(final long version) {
    return new ReadOptions(version);
  }

  /** A view that reflects {@code write} (its version). */
  public static ReadOptions atLeast(final Outcome write) {
    return new ReadOptions(write.version());
  }
}
