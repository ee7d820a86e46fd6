package dev.coffer.ledger.inventory;

import java.util.List;
import java.util.Objects;

/**
 * An inventory after some rule, with the instances that moved and the purchase records it wrote.
 *
 * @param inventory the new inventory
 * @param moves each instance that changed, in the order the rule changed them
 * @param purchases the purchase records created or changed, in order
 */
public record InventoryUpdate(Inventory inventory, List<InstanceMove> moves, List<PurchaseRecord> purchases) {
  public InventoryUpdate {
    Objects.requireNonNull(inventory, "inventory");
    moves = List.copyOf(moves);
    purchases = List.copyOf(purchases);
  }

  /** An update that wrote no purchase record. */
  public InventoryUpdate(final Inventory inventory, final List<InstanceMove> moves) {
    this(inventory, moves, List.of());
  }
}
