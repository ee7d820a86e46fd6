package dev.coffer.ledger.inventory;

import java.util.List;

/**
 * An inventory after some rule, with the instances that moved.
 *
 * @param inventory the new inventory
 * @param moves each instance that changed, in the order the rule changed them
 */
public record InventoryUpdate(Inventory inventory, List<InstanceMove> moves) {
  public InventoryUpdate {
    moves = List.copyOf(moves);
  }
}
