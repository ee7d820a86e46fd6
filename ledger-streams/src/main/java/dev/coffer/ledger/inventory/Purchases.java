package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recording a verified purchase ({@link InventoryRules#purchase}, {@link InventoryRules#autoConsumed}): the
 * instances it creates, or the subscription instances a renewal extends, and its purchase record.
 */
final class Purchases {
  private Purchases() {
  }

  static InventoryUpdate purchase(final Inventory inventory, final PurchaseSpec spec, final PurchaseBook book) {
    if (book.find(spec.store(), spec.transactionId()).isPresent()) {
      throw new RuleRejected(Reason.TRANSACTION_ALREADY_RECORDED,
          "transaction " + spec.transactionId() + " of " + spec.store() + " is already recorded");
    }
    if (spec.kind() == ProductKind.SUBSCRIPTION) {
      final List<Instance> held = Subscriptions.held(inventory, spec.store(), spec.subscriptionKey());
      if (!held.isEmpty()) {
        return renew(inventory, spec, held);
      }
    }
    if (spec.kind() == ProductKind.NON_CONSUMABLE) {
      for (final Instance instance : inventory.instances().values()) {
        if (instance.ownedNonConsumable() && spec.productId().equals(instance.productId())) {
          throw new RuleRejected(Reason.ALREADY_OWNED,
              "product " + spec.productId() + " is owned as instance " + instance.instanceId());
        }
      }
    }
    final List<ItemAmount> items = new ArrayList<>(spec.items());
    if (items.isEmpty() && (spec.kind() != ProductKind.CONSUMABLE || spec.currencies().isEmpty())) {
      // A product that gives no item is held as itself, so it can be owned, renewed and revoked.
      items.add(new ItemAmount(spec.productId(), spec.quantity()));
    }
    final boolean consumable = spec.kind() == ProductKind.CONSUMABLE;
    final boolean subscription = spec.kind() == ProductKind.SUBSCRIPTION;
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      final ItemAmount item = items.get(index);
      if (!consumable) {
        ItemGrants.rejectIfOwned(current, item.itemId());
      }
      // A permanent item in a consumable product is still permanent: never consumed, not even at once.
      final boolean itemConsumable = consumable && item.consumable();
      final boolean consumedAtOnce = itemConsumable && spec.autoConsume();
      final Instance created = new Instance(InstanceIds.derive(spec.eventId(), index), item.itemId(),
          consumedAtOnce ? 0 : item.quantity(), consumedAtOnce ? InstanceStatus.CONSUMED : InstanceStatus.ACTIVE,
          itemConsumable, spec.occurredAt(), spec.eventId(), spec.productId(), spec.kind(), spec.store(),
          spec.transactionId(), subscription ? spec.subscriptionKey() : null,
          subscription ? SubscriptionState.ACTIVE : null, subscription ? spec.expiresAt() : null, null, null);
      current = current.with(created);
      // An auto-consumed instance appears already used up: it moved nothing the player can hold.
      moves.add(new InstanceMove(created.quantity(), created));
      ids.add(created.instanceId());
    }
    return new InventoryUpdate(current, moves, List.of(PurchaseRecord.recorded(spec, ids)));
  }

  static InventoryUpdate autoConsumed(final InventoryUpdate purchased, final String eventId, final long occurredAt,
                                      final Map<String, Long> credited, final List<ItemAmount> granted) {
    final PurchaseRecord record = purchased.purchases().getFirst();
    final InventoryUpdate grants = ItemGrants.grant(purchased.inventory(), eventId, occurredAt, granted,
        purchased.moves().size(), new InventoryRules.Provenance(record.store(), record.transactionId()));
    final List<InstanceMove> moves = new ArrayList<>(purchased.moves());
    moves.addAll(grants.moves());
    return new InventoryUpdate(grants.inventory(), moves, List.of(record.withConsumed(credited,
        grants.moves().stream().map(m -> m.instance().instanceId()).toList())));
  }

  /** A renewal: the subscription's held instances are extended and stand ACTIVE under the new transaction. */
  private static InventoryUpdate renew(final Inventory inventory, final PurchaseSpec spec, final List<Instance> held) {
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    for (final Instance instance : held) {
      final Long expiresAt = spec.expiresAt() != null ? spec.expiresAt() : instance.expiresAt();
      final Instance renewed = instance.withSubscription(InstanceStatus.ACTIVE, spec.transactionId(),
          SubscriptionState.ACTIVE, expiresAt);
      current = current.with(renewed);
      moves.add(new InstanceMove(0, renewed));
      ids.add(renewed.instanceId());
    }
    return new InventoryUpdate(current, moves, List.of(PurchaseRecord.recorded(spec, ids)));
  }
}
