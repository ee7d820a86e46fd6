package dev.coffer.projections.query;

import java.util.Objects;
import org.apache.kafka.streams.state.HostInfo;

/** Where a key's read is answered, as {@link InteractiveQueries#route} decides it. */
public sealed interface Route {
  /**
   * This instance holds the key's active store.
   *
   * @param partition the key's partition
   */
  record Local(int partition) implements Route {
  }

  /**
   * Another instance holds it: forward there.
   *
   * @param owner the owner's {@code application.server}
   */
  record Remote(HostInfo owner) implements Route {
    public Remote {
      Objects.requireNonNull(owner, "owner");
    }
  }

  /**
   * No instance can answer right now (starting, rebalancing, restoring): answer 503 with Retry-After.
   *
   * @param reason why, for the problem detail
   */
  record Unavailable(String reason) implements Route {
  }
}
