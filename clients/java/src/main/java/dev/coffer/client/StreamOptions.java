package dev.coffer.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a change subscription starts and how it reconnects.
 *
 * @param afterVersion deliver every change after this version (read from the ledger first, then live);
 *     {@code null}: only changes from the moment the subscription is open
 * @param initialReconnect the wait before the first reconnection (doubled each failed one, unless the
 *     server says how long with {@code Retry-After} or an SSE {@code retry:} field)
 * @param maxReconnect the longest wait between reconnections
 * @param idleTimeout a connection silent this long is taken for dead and replaced (the server sends a
 *     keep-alive comment every {@code sse.heartbeat}, 15 s by default)
 */
public record StreamOptions(Long afterVersion, Duration initialReconnect, Duration maxReconnect,
                            Duration idleTimeout) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public StreamOptions {
    Objects.requireNonNull(initialReconnect, "initialReconnect");
    Objects.requireNonNull(maxReconnect, "maxReconnect");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (afterVersion != null && afterVersion < 0) {
      throw new IllegalArgumentException("afterVersion must not be negative");
    }
    if (initialReconnect.isNegative() || initialReconnect.isZero() || maxReconnect.compareTo(initialReconnect) < 0
        || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("need 0 < initialReconnect <= maxReconnect and a positive idleTimeout");
    }
  }

  /** Changes from the moment the subscription opens; reconnects from 500 ms up to 30 s apart; idle after 60 s. */
  public static StreamOptions fromNow() {
    return new StreamOptions(null, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  /** Every change after {@code version} (0: the player's whole history), then live ones. */
  public static StreamOptions after(final long version) {
    return fromNow().startingAfter(version);
  }

  /** The same options starting after {@code version}. */
  public StreamOptions startingAfter(final long version) {
    return new StreamOptions(version, initialReconnect, maxReconnect, idleTimeout);
  }

  /** The same options with other reconnection waits. */
  public StreamOptions withReconnect(final Duration initial, final Duration max) {
    return new StreamOptions(afterVersion, initial, max, idleTimeout);
  }

  /** The same options with another idle timeout. */
  public StreamOptions withIdleTimeout(final Duration timeout) {
    return new StreamOptions(afterVersion, initialReconnect, maxReconnect, timeout);
  }
}
