package dev.coffer.ledger.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A player's active item instances, by instance id: the hot part of the player's state, read and
 * rewritten on every event. Instances that ended (consumed, revoked, expired) leave it at once; they
 * stay in the ledger's outcomes and the history view, and what a refund needs of them is kept on the
 * purchase they came from ({@link PurchaseRecord}). So its size follows what the player holds now,
 * never the player's history, and a cap ({@code maxActiveInstances}) bounds it.
 *
 * <p>Immutable and sorted, so it iterates and encodes the same way on every replay; only
 * the inventory rules ({@link InventoryRules}) make a changed inventory.
 */
public final class Inventory {
  /** Nothing held. */
  public static final Inventory EMPTY = new Inventory(new TreeMap<>());

  private final SortedMap<String, Instance> instances;

  private Inventory(final TreeMap<String, Instance> instances) {
    this.instances = Collections.unmodifiableSortedMap(instances);
  }

  /**
   * An inventory as restored from a store.
   *
   * @param instances instance id to (active) instance
   * @return the inventory
   */
  public static Inventory of(final Map<String, Instance> instances) {
    return new Inventory(new TreeMap<>(instances));
  }

  /** Every active instance, by id (read-only). */
  public SortedMap<String, Instance> instances() {
    return instances;
  }

  /** How many instances the player holds. */
  public int size() {
    return instances.size();
  }

  /** The active instance with this id, if the player holds it. */
  public Optional<Instance> instance(final String instanceId) {
    return Optional.ofNullable(instances.get(instanceId));
  }

  /** This inventory with {@code instance} put (if active) or removed (if it ended). */
  Inventory with(final Instance instance) {
    Objects.requireNonNull(instance, "instance");
    final TreeMap<String, Instance> copy = new TreeMap<>(instances);
    if (instance.active()) {
      copy.put(instance.instanceId(), instance);
    } else {
      copy.remove(instance.instanceId());
    }
    return new Inventory(copy);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Inventory other && instances.equals(other.instances);
  }

  @Override
  public int hashCode() {
    return instances.hashCode();
  }

  @Override
  public String toString() {
    return "Inventory" + instances.values();
  }
}
