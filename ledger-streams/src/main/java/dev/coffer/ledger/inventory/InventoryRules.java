package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Amounts;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules that create, consume, revoke and update item instances. Each returns a new inventory
 * with the moves it made (and the purchase records it wrote), or throws {@link RuleRejected}; none
 * reads a clock.
 */
public final class InventoryRules {
  private InventoryRules() {
  }

  /**
   * Where an instance comes from when a purchase paid for it: the store and transaction a refund
   * names. {@code null} where a plain grant made it.
   *
   * @param store the store
   * @param transactionId the transaction
   */
  public record Provenance(String store, String transactionId) {
  }

  /**
   * Records a verified purchase: a subscription renewal (same store and original transaction as an
   * active subscription the player holds) extends the held instances; anything else creates
   * instances, one per item given (or one for the product itself when it gives no item and is not a
   * currency-only consumable).
   *
   * @param inventory the inventory before
   * @param spec what the purchase gives
   * @param book the player's recorded purchases
   * @return the inventory after, with the purchase's record
   * @throws RuleRejected TRANSACTION_ALREADY_RECORDED, ALREADY_OWNED
   */
  public static InventoryUpdate purchase(final Inventory inventory, final PurchaseSpec spec, final PurchaseBook book) {
    if (book.find(spec.store(), spec.transactionId()).isPresent()) {
      throw new RuleRejected(Reason.TRANSACTION_ALREADY_RECORDED,
          "transaction " + spec.transactionId() + " of " + spec.store() + " is already recorded");
    }
    if (spec.kind() == ProductKind.SUBSCRIPTION) {
      final List<Instance> held = subscription(inventory, spec.store(), spec.subscriptionKey());
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
          subscription ? SubscriptionState.ACTIVE : null, subscription ? spec.expiresAt() : null, null, null);
      current = current.with(created);
      // An auto-consumed instance appears already used up: it moved nothing the player can hold.
      moves.add(new InstanceMove(created.quantity(), created));
      ids.add(created.instanceId());
    }
    return new InventoryUpdate(current, moves, List.of(record(spec, ids)));
  }

  /**
   * What auto-consuming a purchase's items gives, added to the purchase just recorded: the items'
   * onConsume items granted (carrying the purchase, so a refund finds them) and the credited currencies
   * counted in the purchase's consume credits (so a refund takes them back).
   *
   * @param purchased the update {@link #purchase} made (its one purchase record)
   * @param eventId the purchase event
   * @param occurredAt when it occurred
   * @param credited currencies the auto-consumption credits
   * @param granted items it grants
   * @return the update with the granted instances and the purchase record completed
   */
  public static InventoryUpdate autoConsumed(final InventoryUpdate purchased, final String eventId,
                                             final long occurredAt, final Map<String, Long> credited,
                                             final List<ItemAmount> granted) {
    final PurchaseRecord record = purchased.purchases().getFirst();
    final InventoryUpdate grants = grant(purchased.inventory(), eventId, occurredAt, granted,
        purchased.moves().size(), new Provenance(record.store(), record.transactionId()));
    final List<InstanceMove> moves = new ArrayList<>(purchased.moves());
    moves.addAll(grants.moves());
    return new InventoryUpdate(grants.inventory(), moves, List.of(record.withConsumed(credited,
        grants.moves().stream().map(m -> m.instance().instanceId()).toList())));
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
    return new InventoryUpdate(current, moves, List.of(record(spec, ids)));
  }

  private static PurchaseRecord record(final PurchaseSpec spec, final List<String> instanceIds) {
    return PurchaseRecord.recorded(spec, instanceIds);
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
   * @param provenance the purchase that paid for them (a consume of a bought instance), or {@code null}
   * @return the inventory after
   * @throws RuleRejected ALREADY_OWNED if an item is a non-consumable or permanent item the player
   *     holds, NON_CONSUMABLE_QUANTITY if a permanent item is granted more than one unit
   */
  public static InventoryUpdate grant(final Inventory inventory, final String eventId, final long occurredAt,
                                      final List<ItemAmount> items, final int firstIndex,
                                      final Provenance provenance) {
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
   * Consumes units of an instance the player holds and grants what consuming them gives. When the
   * instance comes from a purchase, the purchase's record learns what was credited and granted, so a
   * refund takes that back too; the granted instances carry the same purchase.
   *
   * @param inventory the inventory before
   * @param book the player's recorded purchases
   * @param eventId the consuming event (seeds the granted instances' ids)
   * @param occurredAt when it occurred
   * @param instanceId the instance
   * @param itemId the item the instance must be of, since the grants were resolved for it; null skips
   *     the check (events written before the field existed)
   * @param quantity units, positive
   * @param credited currencies the consume credits (the item's onConsume grants times quantity)
   * @param granted items the consume grants (likewise)
   * @return the inventory after, with the consume's move first, then the granted instances
   * @throws RuleRejected NOT_OWNED, ITEM_MISMATCH, NOT_CONSUMABLE, INSUFFICIENT_QUANTITY, ALREADY_OWNED,
   *     NON_CONSUMABLE_QUANTITY
   */
  public static InventoryUpdate consume(final Inventory inventory, final PurchaseBook book, final String eventId,
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
    final Provenance provenance = instance.fromPurchase()
        ? new Provenance(instance.store(), instance.transactionId()) : null;
    final InventoryUpdate grants = grant(inventory.with(consumed), eventId, occurredAt, granted, 0, provenance);
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

  /**
   * Refunds units of a store transaction. Refunding {@code r} of the {@code R} units not refunded yet
   * takes back, rounding up so a refund never leaves the player richer than before the purchase:
   * <ul>
   *   <li>what the purchase credited for those units ({@code currencies × r / quantity}, exact);</li>
   *   <li>{@code r / R} of what consuming its instances credited and has not been taken back yet;</li>
   *   <li>{@code r / R} of each instance still held that the purchase created, extended or whose
   *       consumption granted it (all of it when {@code r = R}: REVOKED, subscriptions too).</li>
   * </ul>
   * A whole refund ({@code units} null) takes back all that is left. What was taken is kept on the
   * purchase, so a reversed refund can give it back.
   *
   * @param inventory the inventory before
   * @param book the player's recorded purchases
   * @param store the store
   * @param transactionId the transaction refunded
   * @param units units refunded (a quantity-based partial refund), or {@code null} for all that are left
   * @return the inventory side of the revocation
   * @throws RuleRejected NOT_OWNED if the player has no such transaction, ALREADY_REVOKED if every unit
   *     was already refunded or more units are refunded than are left
   */
  public static Revocation revoke(final Inventory inventory, final PurchaseBook book, final String store,
                                  final String transactionId, final Long units) {
    final PurchaseRecord purchase = book.find(store, transactionId).orElseThrow(() ->
        new RuleRejected(Reason.NOT_OWNED, "the player has no transaction " + transactionId + " of " + store));
    final long left = purchase.unrefunded();
    if (left <= 0) {
      throw new RuleRejected(Reason.ALREADY_REVOKED, "transaction " + transactionId + " is already revoked");
    }
    final long r = units == null ? left : units;
    if (r > left) {
      throw new RuleRejected(Reason.ALREADY_REVOKED, "transaction " + transactionId + " has " + left
          + " unrefunded units, the refund names " + r);
    }
    final TreeMap<String, Long> clawBack = new TreeMap<>();
    purchase.currencies().forEach((currency, amount) -> clawBack.put(currency,
        Amounts.share(amount, r, purchase.quantity(), false)));
    final TreeMap<String, Long> consumeShare = new TreeMap<>();
    purchase.consumeCredits().forEach((currency, credited) -> {
      final long open = credited - purchase.consumeClawedBack().getOrDefault(currency, 0L);
      if (open > 0) {
        consumeShare.put(currency, Amounts.share(open, r, left, true));
      }
    });
    consumeShare.forEach((currency, amount) -> clawBack.merge(currency, amount, Amounts::add));
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    final List<PurchaseRecord.Taken> took = new ArrayList<>();
    for (final String instanceId : purchase.instanceIds()) {
      final Instance instance = current.instances().get(instanceId);
      if (instance == null) {
        continue; // already used up, revoked or expired: what consuming it credited is in consumeCredits
      }
      final long take = r == left ? instance.quantity() : Amounts.share(instance.quantity(), r, left, true);
      final long keep = instance.quantity() - take;
      Instance after = instance.withQuantity(keep, keep > 0 ? InstanceStatus.ACTIVE : InstanceStatus.REVOKED);
      if (keep == 0 && instance.productKind() == ProductKind.SUBSCRIPTION) {
        after = after.withSubscription(InstanceStatus.REVOKED, after.transactionId(), SubscriptionState.REVOKED,
            after.expiresAt());
      }
      current = current.with(after);
      moves.add(new InstanceMove(-take, after));
      took.add(new PurchaseRecord.Taken(instance, take));
    }
    final PurchaseRecord refunded = purchase.withRefund(r, consumeShare, took);
    return new Revocation(new InventoryUpdate(current, moves, List.of(refunded)), refunded, clawBack);
  }

  /**
   * Reverses every refund of a store transaction (Apple REFUND_REVERSED): the instances the refunds took
   * are given back (a held one gets its units back, an ended one stands again as it was), and the
   * currencies they took back are to be credited again.
   *
   * @param inventory the inventory before
   * @param book the player's recorded purchases
   * @param store the store
   * @param transactionId the transaction whose refunds are reversed
   * @return the inventory side, and in {@code clawBack} what to credit again
   * @throws RuleRejected NOT_OWNED if the player has no such transaction, NOT_REVOKED if nothing of it
   *     was refunded
   */
  public static Revocation reinstate(final Inventory inventory, final PurchaseBook book, final String store,
                                     final String transactionId) {
    final PurchaseRecord purchase = book.find(store, transactionId).orElseThrow(() ->
        new RuleRejected(Reason.NOT_OWNED, "the player has no transaction " + transactionId + " of " + store));
    if (purchase.refundedQuantity() == 0) {
      throw new RuleRejected(Reason.NOT_REVOKED, "transaction " + transactionId + " has no refund to reverse");
    }
    final TreeMap<String, Long> credit = new TreeMap<>();
    purchase.currencies().forEach((currency, amount) -> credit.put(currency,
        Amounts.share(amount, purchase.refundedQuantity(), purchase.quantity(), false)));
    purchase.consumeClawedBack().forEach((currency, amount) -> credit.merge(currency, amount, Amounts::add));
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    for (final PurchaseRecord.Taken taken : purchase.taken()) {
      final Instance held = current.instances().get(taken.before().instanceId());
      final Instance restored = held != null
          ? held.withQuantity(Amounts.add(held.quantity(), taken.units()), InstanceStatus.ACTIVE)
          : taken.before().withQuantity(taken.units(), InstanceStatus.ACTIVE)
              .withSubscription(InstanceStatus.ACTIVE, taken.before().transactionId(),
                  taken.before().subscriptionState(), taken.before().expiresAt());
      current = current.with(restored);
      moves.add(new InstanceMove(taken.units(), restored));
    }
    final PurchaseRecord reinstated = purchase.reinstated();
    return new Revocation(new InventoryUpdate(current, moves, List.of(reinstated)), reinstated, credit);
  }

  /**
   * Applies a store's report of a subscription's status and expiry to every instance of it the player
   * holds. An EXPIRED or REVOKED status ends the instances (they leave the player's state).
   *
   * @param inventory the inventory before
   * @param store the store
   * @param originalTransactionId the subscription's first transaction
   * @param state the status now
   * @param expiresAt the period's end as reported, or {@code null} to keep the one held
   * @param autoRenew whether it will renew, or {@code null} to keep what was known
   * @param cancelReason why it stops renewing, or {@code null} (cleared when it renews again)
   * @return the inventory after
   * @throws RuleRejected NOT_OWNED if the player holds no such subscription (never, or no longer)
   */
  public static InventoryUpdate updateSubscription(final Inventory inventory, final String store,
                                                   final String originalTransactionId,
                                                   final SubscriptionState state, final Long expiresAt,
                                                   final Boolean autoRenew, final String cancelReason) {
    final List<Instance> held = subscription(inventory, store, originalTransactionId);
    if (held.isEmpty()) {
      throw new RuleRejected(Reason.NOT_OWNED,
          "the player holds no subscription " + originalTransactionId + " of " + store);
    }
    Inventory current = inventory;
    final List<InstanceMove> moves = new ArrayList<>();
    for (final Instance instance : held) {
      final Instance updated = instance.withSubscription(state.instanceStatus(), instance.transactionId(), state,
          expiresAt != null ? expiresAt : instance.expiresAt())
          .withRenewal(autoRenew != null ? autoRenew : instance.autoRenew(), cancelReason);
      current = current.with(updated);
      moves.add(new InstanceMove(0, updated));
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
