package dev.coffer.projections.inventory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The item instances a player holds now (status ACTIVE); consumed, revoked and expired instances
 * leave the inventory and stay visible in the ledger history (and, for purchases, in purchases).
 * Immutable; {@link #apply} returns a new one.
 *
 * @param version the player's version after the last event that changed the inventory
 * @param instances held instances, oldest first (ties by instance id)
 */
public record Inventory(long version, List<Instance> instances) {
  /** The inventory of a player holding nothing. */
  public static final Inventory EMPTY = new Inventory(0, List.of());

  private static final Comparator<Instance> ORDER =
      Comparator.comparing(Instance::acquiredAt).thenComparing(Instance::instanceId);

  public Inventory {
    instances = List.copyOf(instances);
  }

  /**
   * The inventory after an event's instance moves. Each move carries the whole instance after it,
   * so applying the same moves twice gives the same inventory.
   *
   * @param moves the event's moves
   * @param eventVersion the player's version after the event
   * @return the new inventory
   */
  public Inventory apply(final List<InstanceMove> moves, final long eventVersion) {
    final Map<String, Instance> byId = new LinkedHashMap<>();
    instances.forEach(i -> byId.put(i.instanceId(), i));
    for (final InstanceMove move : moves) {
      final Instance after = move.instance();
      if (after.held()) {
        byId.put(after.instanceId(), after);
      } else {
        byId.remove(after.instanceId());
      }
    }
    return new Inventory(eventVersion, byId.values().stream().sorted(ORDER).toList());
  }
}
