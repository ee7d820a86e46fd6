package dev.coffer.ledger.fold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.inventory.PurchaseBook;
import dev.coffer.ledger.inventory.PurchaseRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * One player folded the way the fold does it, without Kafka: the hot state, plus the purchase records
 * an applied decision writes (the fold keeps them in the player's event log).
 */
final class TestPlayer {
  private final Limits limits;
  private final Map<String, PurchaseRecord> purchases = new HashMap<>();
  private PlayerState state = PlayerState.NEW;

  TestPlayer() {
    this(Limits.DEFAULTS);
  }

  TestPlayer(final Limits limits) {
    this.limits = limits;
  }

  /** Decides a command against the current state and keeps what an applied decision changed. */
  Decision decide(final Command command) {
    final Decision decision = LedgerRules.decide(state, command, PurchaseBook.of(purchases), limits);
    if (decision.applied()) {
      state = decision.state();
      decision.purchases().forEach(p -> purchases.put(p.store() + "|" + p.transactionId(), p));
    }
    return decision;
  }

  /** Decides a command that must be applied. */
  Decision apply(final Command command) {
    final Decision decision = decide(command);
    assertThat(decision.applied()).as("%s: %s", command, decision.message()).isTrue();
    return decision;
  }

  PlayerState state() {
    return state;
  }

  PurchaseRecord purchase(final String store, final String transactionId) {
    return purchases.get(store + "|" + transactionId);
  }
}
