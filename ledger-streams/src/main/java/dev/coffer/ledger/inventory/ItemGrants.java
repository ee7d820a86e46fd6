package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;

/**
 * Granting items ({@link InventoryRules#grant}): each item becomes a new instance. Also the one ownership
 * rule every creation of a permanent item obeys: the player holds it at most once.
 */
final class ItemGrants {
  private ItemGrants() {
  }

  static InventoryUpdate grant(final Inventory inventory, final String eventId, final long occurredAt,
                               final List<ItemAmount> items, final int firstIndex,
                               final InventoryRules.Provenance provenance) {
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      final ItemAmount item = items.get(i);
      if (!item.consumable() && item.quantity() != 1) {
        throw new RuleRejected(Reason.NON_CONSUMABLE_QUANTITY, "item " + item.itemId()
            + " is permanent and held once; the grant gives " + item.quantity());
      }
      rejectIfOwned(current, item.itemId());
      final Instance created = new Instance(InstanceIds.derive(eventId, firstIndex + i), item.itemId(),
          item.quantity(), InstanceStatus.ACTIVE, item.consumable(), occurredAt, eventId, null, null,
          provenance == null ? null : provenance.store(), provenance == null ? null : provenance.transactionId(),
          null, null, null, null, null);
      current = current.with(created);
      moves.add(new InstanceMove(created.quantity(), created));
    }
    return new InventoryUpdate(current, moves);
  }

  /**
   * Refuses a new instance of {@code itemId} while the player holds it as a non-consumable.
   *
   * @throws RuleRejected ALREADY_OWNED
   */
  static void rejectIfOwned(final Inventory inventory, final String itemId) {
    for (final Instance instance : inventory.instances().values()) {
      if (instance.ownedNonConsumable() && instance.itemId().equals(itemId)) {
        throw new RuleRejected(Reason.ALREADY_OWNED,
            "item " + itemId + " is owned as non-consumable instance " + instance.instanceId());
      }
    }
  }
}
