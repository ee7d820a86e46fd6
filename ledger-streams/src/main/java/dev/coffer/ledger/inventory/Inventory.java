package dev.coffer.ledger.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A player's item instances (by instance id) and the store transactions that created them (by
 * {@code store|transactionId}). Immutable and sorted, so it iterates and encodes the same way on
 * every replay; only {@link InventoryRules} makes a changed inventory.
 */
public final class Inventory {
  /** Nothing held, nothing bought. */
  public static final Inventory EMPTY = new Inventory(new TreeMap<>(), new TreeMap<>());

  private final SortedMap<String, Instance> instances;
  private final SortedMap<String, PurchaseRecord> purchases;

  private Inventory(final TreeMap<String, Instance> instances, final TreeMap<String, PurchaseRecord> purchases) {
    this.instances = Collections.unmodifiableSortedMap(instances);
    this.purchases = Collections.unmodifiableSortedMap(purchases);
  }

  /**
   * An inventory as restored from a store.
   *
   * @param instances instance id to instance
   * @param purchases {@code store|transactionId} to purchase
   * @return the inventory
   */
  public static Inventory of(final Map<String, Instance> instances, final Map<String, PurchaseRecord> purchases) {
    return new Inventory(new TreeMap<>(instances), new TreeMap<>(purchases));
  }

  /** Every instance, by id (read-only). */
  public SortedMap<String, Instance> instances() {
    return instances;
  }

  /** Every recorded store transaction, by {@code store|transactionId} (read-only). */
  public SortedMap<String, PurchaseRecord> purchases() {
    return purchases;
  }

  /** The instance with this id, if the player has it. */
  public Optional<Instance> instance(final String instanceId) {
    return Optional.ofNullable(instances.get(instanceId));
  }

  /** The purchase of this store transaction, if recorded. */
  public Optional<PurchaseRecord> purchase(final String store, final String transactionId) {
    return Optional.ofNullable(purchases.get(PurchaseRecord.key(store, transactionId)));
  }

  Inventory with(final Instance instance) {
    final TreeMap<String, Instance> copy = new TreeMap<>(instances);
    copy.put(instance.instanceId(), Objects.requireNonNull(instance, "instance"));
    return new Inventory(copy, new TreeMap<>(purchases));
  }

  Inventory with(final PurchaseRecord purchase) {
    final TreeMap<String, PurchaseRecord> copy = new TreeMap<>(purchases);
    copy.put(purchase.key(), purchase);
    return new Inventory(new TreeMap<>(instances), copy);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Inventory other && instances.equals(other.instances) && purchases.equals(other.purchases);
  }

  @Override
  public int hashCode() {
    return Objects.hash(instances, purchases);
  }

  @Override
  public String toString() {
    return "Inventory[instances=" + instances + ", purchases=" + purchases + "]";
  }
}
