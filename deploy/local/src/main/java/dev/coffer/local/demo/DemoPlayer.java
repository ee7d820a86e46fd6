package dev.coffer.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
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
  void apply(final JsonNode outcome) {
    for (final JsonNode balance : outcome.path("balances")) {
      if (GEMS.equals(balance.path("currency").asText())) {
        gems = balance.path("balance").asLong();
      }
    }
    for (final JsonNode change : outcome.path("instances")) {
      final JsonNode instance = change.path("instance");
      if (!POTION.equals(instance.path("itemId").asText())) {
        continue;
      }
      final String id = instance.path("instanceId").asText();
      final long quantity = instance.path("quantity").asLong();
      if (quantity > 0 && "ACTIVE".equals(instance.path("status").asText())) {
        potions.put(id, quantity);
      } else {
        potions.remove(id);
      }
    }
  }
}
