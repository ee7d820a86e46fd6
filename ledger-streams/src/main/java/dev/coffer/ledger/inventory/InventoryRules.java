package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Amounts;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The rules that create, consume, revoke and update item instances. Each returns a new inventory
 * with the moves it made, or throws {@link RuleRejected}; none reads a clock.
 */
public final class InventoryRules {
  private InventoryRules() {
  }

  /**
   * Records a verified purchase: a subscription renewal (same store and original transaction as a
   * subscription the player holds, not revoked) extends the held instances; anything else creates
   * instances, one per item given (or one for the product itself when it gives no item and is not a
   * currency-only consumable).
   *
   * @param inventory the inventory before
   * @param spec what the purchase gives
   * @return the inventory after, with the purchase recorded
   * @throws RuleRejected TRANSACTION_ALREADY_RECORDED, ALREADY_OWNED
   */
  public static InventoryUpdate purchase(final Inventory inventory, final PurchaseSpec spec) {
    if (inventory.purchase(spec.store(), spec.transactionId()).isPresent()) {
      throw new RuleRejected(Reason.TRANSACTION_ALREADY_RECORDED,
          "transaction " + spec.transactionId() + " of " + spec.store() + " is already recorded");
    }
    if (spec.kind() == ProductKind.SUBSCRIPTION) {
      final List<Instance> held = subscription(inventory, spec.store(), spec.subscriptionKey()).stream()
          .filter(i -> i.status() != InstanceStatus.REVOKED).toList();
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
        rejectIfOwned(current, item.itemId());
      }
      // A permanent item in a consumable product is still permanent: never consumed, not even at once.
      final boolean itemConsumable = consumable && item.consumable();
      final boolean consumedAtOnce = itemConsumable && spec.autoConsume();
      final Instance created = new Instance(InstanceIds.derive(spec.eventId(), index), item.itemId(),
          consumedAtOnce ? 0 : item.quantity(), consumedAtOnce ? InstanceStatus.CONSUMED : InstanceStatus.ACTIVE,
          itemConsumable, spec.occurredAt(), spec.eventId(), spec.productId(), spec.kind(), spec.store(),
          spec.transactionId(), subscription ? spec.subscriptionKey() : null,
          subscription ? SubscriptionState.ACTIVE : null, subscription ? spec.expiresAt() : null, new TreeMap<>());
      current = current.with(created);
      // An auto-consumed instance appears already used up: it moved nothing the player can hold.
      moves.add(new InstanceMove(created.quantity(), created));
      ids.add(created.instanceId());
    }
    current = current.with(record(spec, ids));
    return new InventoryUpdate(current, moves);
  }

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
    current = current.with(record(spec, ids));
    return new InventoryUpdate(current, moves);
  }

  private static PurchaseRecord record(final PurchaseSpec spec, final List<String> instanceIds) {
    return new PurchaseRecord(spec.store(), spec.transactionId(), spec.productId(), spec.storeProductId(),
        spec.kind(), spec.quantity(), spec.eventId(), spec.currencies(), instanceIds, spec.expiresAt(), false);
  }

  /**
   * Grants items: each creates an instance, consumable or permanent as the grant says, ids derived
   * from {@code eventId} from {@code firstIndex} on. A permanent item is granted one unit at a time
   * and only to a player who does not hold it (active, not revoked), also not earlier in the same
   * grant; any refusal refuses the whole grant.
   *
   * @param inventory the inventory before
   * @param eventId the granting event
   * @param occurredAt when it occurred
   * @param items the items, in declared order
   * @param firstIndex the index of the first instance this event creates here
   * @return the inventory after
   * @throws RuleRejected ALREADY_OWNED if an item is a non-consumable or permanent item the player
   *     holds, NON_CONSUMABLE_QUANTITY if a permanent item is granted more than one unit
   */
  public static InventoryUpdate grant(final Inventory inventory, final String eventId, final long occurredAt,
                                      final List<ItemAmount> items, final int firstIndex) {
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
          item.quantity(), InstanceStatus.ACTIVE, item.consumable(), occurredAt, eventId, null, null, null, null, null,
          null, null, new TreeMap<>());
      current = current.with(created);
      moves.add(new InstanceMove(created.quantity(), created));
    }
    return new InventoryUpdate(current, moves);
  }

  /**
   * Consumes units of an instance the player holds, recording what consuming them credited.
   *
   * @param inventory the inventory before
   * @param instanceId the instance
   * @param itemId the item the instance must be of, since {@code credited} was resolved for it; null
   *     skips the check (events written before the field existed)
   * @param quantity units, positive
   * @param credited currencies the consume credits (the item's onConsume grants times quantity)
   * @return the inventory after, with the one move
   * @throws RuleRejected NOT_OWNED, ITEM_MISMATCH, NOT_ACTIVE, NOT_CONSUMABLE, INSUFFICIENT_QUANTITY
   */
  public static InventoryUpdate consume(final Inventory inventory, final String instanceId, final String itemId,
                                        final long quantity, final Map<String, Long> credited) {
    final Instance instance = inventory.instance(instanceId).orElseThrow(() ->
        new RuleRejected(Reason.NOT_OWNED, "the player has no instance " + instanceId));
    if (itemId != null && !itemId.equals(instance.itemId())) {
      throw new RuleRejected(Reason.ITEM_MISMATCH, "instance " + instanceId + " is of " + instance.itemId()
          + ", not " + itemId);
    }
    if (!instance.consumable() || instance.productKind() == ProductKind.NON_CONSUMABLE
        || instance.productKind() == ProductKind.SUBSCRIPTION) {
      throw new RuleRejected(Reason.NOT_CONSUMABLE, "instance " + instanceId + " of " + instance.itemId()
          + " cannot be consumed");
    }
    if (!instance.active()) {
      throw new RuleRejected(Reason.NOT_ACTIVE, "instance " + instanceId + " is " + instance.status());
    }
    if (instance.quantity() < quantity) {
      throw new RuleRejected(Reason.INSUFFICIENT_QUANTITY, "instance " + instanceId + " has "
          + instance.quantity() + " left, consume needs " + quantity);
    }
    final long left = instance.quantity() - quantity;
    final TreeMap<String, Long> credits = new TreeMap<>(instance.consumeCredits());
    credited.forEach((currency, amount) -> credits.merge(currency, amount, Amounts::add));
    final Instance consumed = instance
        .withQuantity(left, left == 0 ? InstanceStatus.CONSUMED : InstanceStatus.ACTIVE)
        .withConsumeCredits(credits);
    return new InventoryUpdate(inventory.with(consumed), List.of(new InstanceMove(-quantity, consumed)));
  }

  /**
   * Revokes a store transaction: every instance it created or extended that is not yet revoked is
   * marked REVOKED with nothing left (subscriptions too), and the currencies to claw back are
   * collected: what the purchase credited plus what consuming its instances credited.
   *
   * @param inventory the inventory before
   * @param store the store
   * @param transactionId the transaction revoked
   * @return the inventory side of the revocation
   * @throws RuleRejected NOT_OWNED if the player has no such transaction, ALREADY_REVOKED
   */
  public static Revocation revoke(final Inventory inventory, final String store, final String transactionId) {
    final PurchaseRecord purchase = inventory.purchase(store, transactionId).orElseThrow(() ->
        new RuleRejected(Reason.NOT_OWNED, "the player has no transaction " + transactionId + " of " + store));
    if (purchase.revoked()) {
      throw new RuleRejected(Reason.ALREADY_REVOKED, "transaction " + transactionId + " is already revoked");
    }
    final TreeMap<String, Long> clawBack = new TreeMap<>(purchase.currencies());
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    for (final String instanceId : purchase.instanceIds()) {
      final Instance instance = Objects.requireNonNull(current.instances().get(instanceId),
          "purchase names a missing instance");
      if (instance.status() == InstanceStatus.REVOKED) {
        continue;
      }
      instance.consumeCredits().forEach((currency, amount) -> clawBack.merge(currency, amount, Amounts::add));
      Instance revoked = instance.withQuantity(0, InstanceStatus.REVOKED);
      if (instance.productKind() == ProductKind.SUBSCRIPTION) {
        revoked = revoked.withSubscription(InstanceStatus.REVOKED, revoked.transactionId(),
            SubscriptionState.REVOKED, revoked.expiresAt());
      }
      current = current.with(revoked);
      moves.add(new InstanceMove(-instance.quantity(), revoked));
    }
    final PurchaseRecord revokedPurchase = purchase.asRevoked();
    current = current.with(revokedPurchase);
    return new Revocation(new InventoryUpdate(current, moves), revokedPurchase, clawBack);
  }

  /**
   * Applies a store's report of a subscription's status and expiry to every instance of it that is
   * not revoked.
   *
   * @param inventory the inventory before
   * @param store the store
   * @param originalTransactionId the subscription's first transaction
   * @param state the status now
   * @param expiresAt the period's end as reported, or {@code null} to keep the one held
   * @return the inventory after
   * @throws RuleRejected NOT_OWNED if the player has no such subscription, ALREADY_REVOKED if it was revoked
   */
  public static InventoryUpdate updateSubscription(final Inventory inventory, final String store,
                                                   final String originalTransactionId,
                                                   final SubscriptionState state, final Long expiresAt) {
    final List<Instance> held = subscription(inventory, store, originalTransactionId);
    if (held.isEmpty()) {
      throw new RuleRejected(Reason.NOT_OWNED,
          "the player has no subscription " + originalTransactionId + " of " + store);
    }
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    for (final Instance instance : held) {
      if (instance.status() == InstanceStatus.REVOKED) {
        continue;
      }
      final Instance updated = instance.withSubscription(state.instanceStatus(), instance.transactionId(), state,
          expiresAt != null ? expiresAt : instance.expiresAt());
      current = current.with(updated);
      moves.add(new InstanceMove(0, updated));
    }
    if (moves.isEmpty()) {
      throw new RuleRejected(Reason.ALREADY_REVOKED, "subscription " + originalTransactionId + " was revoked");
    }
    return new InventoryUpdate(current, moves);
  }

  private static List<Instance> subscription(final Inventory inventory, final String store,
                                             final String originalTransactionId) {
    return inventory.instances().values().stream()
        .filter(i -> i.productKind() == ProductKind.SUBSCRIPTION && store.equals(i.store())
            && originalTransactionId.equals(i.originalTransactionId()))
        .toList();
  }

  private static void rejectIfOwned(final Inventory inventory, final String itemId) {
    for (final Instance instance : inventory.instances().values()) {
      if (instance.ownedNonConsumable() && instance.itemId().equals(itemId)) {
        throw new RuleRejected(Reason.ALREADY_OWNED,
            "item " + itemId + " is owned as non-consumable instance " + instance.instanceId());
      }
    }
  }
}
