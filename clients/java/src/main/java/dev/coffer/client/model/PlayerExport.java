package dev.coffer.client.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything Coffer's read side holds on a player (GDPR access): empty lists and {@code erased} after an
 * erasure.
 *
 * @param appId the app
 * @param playerId the player
 * @param playerRef the pseudonymous ref every Kafka record of the player carries
 * @param version the player's version
 * @param erased whether the player was erased
 * @param erasedAt when, if erased
 * @param balances the wallet
 * @param instances the item instances
 * @param purchases the purchases
 * @param subscriptions the subscriptions
 * @param ledger every change, oldest first
 */
public record PlayerExport(String appId, String playerId, String playerRef, long version, boolean erased,
                           Instant erasedAt, List<Balance> balances, List<Instance> instances,
                           List<Purchase> purchases, List<Subscription> subscriptions, List<LedgerEntry> ledger) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public PlayerExport {
    balances = balances == null ? List.of() : List.copyOf(balances);
    instances = instances == null ? List.of() : List.copyOf(instances);
    purchases = purchases == null ? List.of() : List.copyOf(purchases);
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    ledger = ledger == null ? List.of() : List.copyOf(ledger);
  }
}
