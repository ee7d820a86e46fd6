package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.inventory.PurchaseRecord;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.wallet.BalanceMove;
import java.util.List;
import java.util.Objects;

/**
 * What the rules decided for one command: the player's state after it and what changed.
 *
 * @param state the state after (the same state when rejected)
 * @param rejection why it was refused, or {@code null} when applied
 * @param message a human-readable explanation of the rejection, or {@code null}
 * @param balances the balances it moved
 * @param instances the instances it moved
 * @param purchases the purchase records it created or changed (kept beside their purchase's outcome)
 * @param purchaseLog the purchase-log entry to write, or {@code null}
 */
public record Decision(PlayerState state, Reason rejection, String message, List<BalanceMove> balances,
                       List<InstanceMove> instances, List<PurchaseRecord> purchases, PurchaseLogMark purchaseLog) {
  public Decision {
    Objects.requireNonNull(state, "state");
    balances = List.copyOf(balances);
    instances = List.copyOf(instances);
    purchases = List.copyOf(purchases);
  }

  /** A refusal: nothing changes. */
  public static Decision rejected(final PlayerState state, final Reason reason, final String message) {
    return new Decision(state, Objects.requireNonNull(reason, "reason"), message, List.of(), List.of(), List.of(),
        null);
  }

  /** Whether the command was applied. */
  public boolean applied() {
    return rejection == null;
  }
}
