package dev.coffer.client.model;

import java.util.List;

/**
 * A player's inventory ({@code GET .../players/{playerId}/inventory}).
 *
 * @param appId the app
 * @param playerId the player
 * @param version the player's version the answer reflects
 * @param instances the item instances, oldest first
 */
public record Inventory(String appId, String playerId, long version, List<Instance> instances) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Inventory {
    instances = instances == null ? List.of() : List.copyOf(instances);
  }

  /** The active instances of {@code itemId}. */
  public List<Instance> active(final String itemId) {
    return instances.stream().filter(i -> i.itemId().equals(itemId) && i.active()).toList();
  }

  /** The units of {@code itemId} the player holds, over its active instances. */
  public long quantity(final String itemId) {
    return active(itemId).stream().mapToLong(Instance::quantity).sum();
  }
}
