package dev.coffer.local.demo;

import dev.coffer.client.model.BalanceChange;
import dev.coffer.client.model.Instance;
import dev.coffer.client.model.InstanceChange;
import dev.coffer.client.model.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a demo player holds, as far as the ledger's answers told: the gems balance and the potion
 * instances with units left. Used by one caller thread only, so that consumes name owned potions and
 * spends know when they overdraw.
 */
final class DemoPlayer {
  static final String GEMS = "gems";
  static final String POTION = "potion";

  private final String playerId;
  private final Map<String, Long> potions = new LinkedHashMap<>();
  private long gems;
  private long sequence;

  DemoPlayer(final String playerId) {
    this.playerId = playerId;
  }

  String playerId() {
    return playerId;
  }

  long gems() {
    return gems;
  }

  /** A new idempotency key of this player. */
  String nextKey(final String action) {
    sequence++;
    return action + "-" + sequence;
  }

  /** Potion instances with units left. */
  List<String> potionInstances() {
    return new ArrayList<>(potions.keySet());
  }

  /** Takes in an applied outcome's balances and instances (absolute values, so order of arrival is all). */
  void apply(final Outcome outcome) {
    for (final BalanceChange balance : outcome.balances()) {
      if (GEMS.equals(balance.currency())) {
        gems = balance.balance();
      }
    }
    for (final InstanceChange change : outcome.instances()) {
      final Instance instance = change.instance();
      if (!POTION.equals(instance.itemId())) {
        continue;
      }
      if (instance.quantity() > 0 && instance.active()) {
        potions.put(instance.instanceId(), instance.quantity());
      } else {
        potions.remove(instance.instanceId());
      }
    }
  }
}
