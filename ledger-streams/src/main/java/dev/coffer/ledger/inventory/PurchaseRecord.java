package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.Amounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one store transaction gave the player, kept (beside the purchase's outcome, not in the hot
 * player state) so a revocation can take exactly that back however long ago it was bought.
 *
 * @param store the store
 * @param transactionId the store's transaction id
 * @param productId the catalog product
 * @param storeProductId the store's product id (SKU)
 * @param kind the product's kind
 * @param quantity units bought
 * @param eventId the event that recorded it
 * @param currencies what it credited, currency to amount
 * @param instanceIds the instances it created or (a renewal) extended, and those that consuming them
 *     granted, in the order they were made
 * @param consumeCredits currencies credited so far by consuming those instances (their onConsume
 *     grants): taken back with the purchase
 * @param expiresAt for subscriptions: the end of the period bought, or {@code null}
 * @param revoked whether it was revoked
 */
public record PurchaseRecord(String store, String transactionId, String productId, String storeProductId,
                             ProductKind kind, long quantity, String eventId,
                             SortedMap<String, Long> currencies, List<String> instanceIds,
                             SortedMap<String, Long> consumeCredits, Long expiresAt, boolean revoked) {
  public PurchaseRecord {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(kind, "kind");
    currencies = Collections.unmodifiableSortedMap(new TreeMap<>(currencies));
    instanceIds = List.copyOf(instanceIds);
    consumeCredits = Collections.unmodifiableSortedMap(new TreeMap<>(consumeCredits));
  }

  PurchaseRecord asRevoked() {
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId,
        currencies, instanceIds, consumeCredits, expiresAt, true);
  }

  /** This record after consuming one of its instances credited {@code credited} and granted {@code granted}. */
  PurchaseRecord withConsumed(final Map<String, Long> credited, final List<String> granted) {
    final TreeMap<String, Long> credits = new TreeMap<>(consumeCredits);
    credited.forEach((currency, amount) -> credits.merge(currency, amount, Amounts::add));
    final List<String> ids = new ArrayList<>(instanceIds);
    ids.addAll(granted);
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId,
        currencies, ids, credits, expiresAt, revoked);
  }
}
