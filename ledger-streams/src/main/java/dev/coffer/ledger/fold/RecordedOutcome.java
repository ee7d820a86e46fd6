package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.wallet.BalanceMove;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an event the fold decided, kept per player so that a DUPLICATE is answered with
 * the original's outcome at any distance in time.
 *
 * @param eventId the original event
 * @param eventType its kind (the wire name, e.g. PURCHASE_VERIFIED)
 * @param applied whether it was applied (else rejected)
 * @param reason the rejection code, or {@code null}
 * @param message the rejection's explanation, or {@code null}
 * @param version the player's version after it
 * @param balances the balances it moved
 * @param instances the instances it moved
 */
public record RecordedOutcome(String eventId, String eventType, boolean applied, String reason, String message,
                              long version, List<BalanceMove> balances, List<InstanceMove> instances) {
  public RecordedOutcome {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    balances = List.copyOf(balances);
    instances = List.copyOf(instances);
  }
}
