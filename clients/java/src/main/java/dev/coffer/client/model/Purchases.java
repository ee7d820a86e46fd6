package dev.coffer.client.model;

import java.util.List;

/**
 * A player's purchases and subscriptions ({@code GET .../players/{playerId}/purchases}).
 *
 * @param appId the app
 * @param playerId the player
 * @param version the player's version the answer reflects
 * @param purchases every store transaction, oldest first
 * @param subscriptions every subscription with its status now
 */
public record Purchases(String appId, String playerId, long version, List<Purchase> purchases,
                        List<Subscription> subscriptions) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Purchases {
    purchases = purchases == null ? List.of() : List.copyOf(purchases);
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
  }
}
