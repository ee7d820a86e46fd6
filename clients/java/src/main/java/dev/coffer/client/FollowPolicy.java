package dev.coffer.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a write answered 202 (recorded, outcome not yet known) is followed to its outcome: its
 * {@code Location} is polled with a growing interval until it answers or {@link #maxWait()} passes (then
 * {@link PendingException}).
 *
 * @param maxWait how long to poll in all (zero: never, a 202 throws {@link PendingException} at once)
 * @param firstPoll the wait before the first poll; doubled each time
 * @param maxPoll the longest wait between polls
 */
public record FollowPolicy(Duration maxWait, Duration firstPoll, Duration maxPoll) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public FollowPolicy {
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(firstPoll, "firstPoll");
    Objects.requireNonNull(maxPoll, "maxPoll");
    if (maxWait.isNegative() || firstPoll.isNegative() || firstPoll.isZero() || maxPoll.compareTo(firstPoll) < 0) {
      throw new IllegalArgumentException("need maxWait >= 0 and 0 < firstPoll <= maxPoll");
    }
  }

  /** Polls for up to 30 s, from 100 ms up to 2 s apart. */
  public static FollowPolicy defaults() {
    return new FollowPolicy(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /** Never polls: a 202 throws {@link PendingException} at once. */
  public static FollowPolicy none() {
    return new FollowPolicy(Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /** The same policy polling for up to {@code wait}. */
  public FollowPolicy withMaxWait(final Duration wait) {
    return new FollowPolicy(wait, firstPoll, maxPoll);
  }
}
