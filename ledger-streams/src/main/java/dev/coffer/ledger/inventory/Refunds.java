package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Amounts;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A store's refunds of a transaction and their reversal ({@link InventoryRules#revoke},
 * {@link InventoryRules#reinstate}): which instances and currencies go back, and which come back.
 */
final class Refunds {
  private Refunds() {
  }

  static Revocation revoke(final Inventory inventory, final PurchaseBook book, final String store,
                           final String transactionId, final Long units) {
    final PurchaseRecord purchase = recorded(book, store, transactionId);
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

  static Revocation reinstate(final Inventory inventory, final PurchaseBook book, final String store,
                              final String transactionId) {
    final PurchaseRecord purchase = recorded(book, store, transactionId);
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

  /** The player's record of the transaction; NOT_OWNED if there is none. */
  private static PurchaseRecord recorded(final PurchaseBook book, final String store, final String transactionId) {
    return book.find(store, transactionId).orElseThrow(() -> new RuleRejected(Reason.NOT_OWNED,
        "the player has no transaction " + transactionId + " of " + store));
  }
}
