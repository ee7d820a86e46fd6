package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscription's instances: which the player holds, and a store's report of the subscription's status
 * and expiry applied to them ({@link InventoryRules#updateSubscription}).
 */
final class Subscriptions {
  private Subscriptions() {
  }

  static InventoryUpdate update(final Inventory inventory, final String store, final String originalTransactionId,
                                final SubscriptionState state, final Long expiresAt, final Boolean autoRenew,
                                final String cancelReason) {
    final List<Instance> held = held(inventory, store, originalTransactionId);
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

  /** The instances of the subscription (store and first transaction) the player holds. */
  static List<Instance> held(final Inventory inventory, final String store, final String originalTransactionId) {
    return inventory.instances().values().stream()
        .filter(i -> i.productKind() == ProductKind.SUBSCRIPTION && store.equals(i.store())
            && originalTransactionId.equals(i.originalTransactionId()))
        .toList();
  }
}
