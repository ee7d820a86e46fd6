package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consuming units of a held instance ({@link InventoryRules#consume}): the units go, what consuming them
 * gives is granted, and a bought instance's purchase record learns both, for a later refund.
 */
final class Consumption {
  private Consumption() {
  }

  static InventoryUpdate consume(final Inventory inventory, final PurchaseBook book, final String eventId,
                                 final long occurredAt, final String instanceId, final String itemId,
                                 final long quantity, final Map<String, Long> credited,
                                 final List<ItemAmount> granted) {
    final Instance instance = inventory.instance(instanceId).orElseThrow(() -> new RuleRejected(Reason.NOT_OWNED,
        "the player holds no active instance " + instanceId + " (never held, or used up, revoked or expired)"));
    if (itemId != null && !itemId.equals(instance.itemId())) {
      throw new RuleRejected(Reason.ITEM_MISMATCH, "instance " + instanceId + " is of " + instance.itemId()
          + ", not " + itemId);
    }
    if (!instance.consumable() || instance.productKind() == ProductKind.NON_CONSUMABLE
        || instance.productKind() == ProductKind.SUBSCRIPTION) {
      throw new RuleRejected(Reason.NOT_CONSUMABLE, "instance " + instanceId + " of " + instance.itemId()
          + " cannot be consumed");
    }
    if (instance.quantity() < quantity) {
      throw new RuleRejected(Reason.INSUFFICIENT_QUANTITY, "instance " + instanceId + " has "
          + instance.quantity() + " left, consume needs " + quantity);
    }
    final long left = instance.quantity() - quantity;
    final Instance consumed = instance.withQuantity(left, left == 0 ? InstanceStatus.CONSUMED : InstanceStatus.ACTIVE);
    final InventoryRules.Provenance provenance = instance.fromPurchase()
        ? new InventoryRules.Provenance(instance.store(), instance.transactionId()) : null;
    final InventoryUpdate grants = ItemGrants.grant(inventory.with(consumed), eventId, occurredAt, granted, 0,
        provenance);
    final List<InstanceMove> moves = new ArrayList<>();
    moves.add(new InstanceMove(-quantity, consumed));
    moves.addAll(grants.moves());
    final List<PurchaseRecord> purchases = new ArrayList<>();
    if (provenance != null) {
      // Absent only for instances bought before purchase records moved out of the player state.
      book.find(provenance.store(), provenance.transactionId()).ifPresent(purchase -> purchases.add(
          purchase.withConsumed(credited, grants.moves().stream().map(m -> m.instance().instanceId()).toList())));
    }
    return new InventoryUpdate(grants.inventory(), moves, purchases);
  }
}
