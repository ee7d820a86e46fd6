package dev.coffer.ledger.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one store transaction gave the player, kept so a revocation can take exactly that back.
 *
 * @param store the store
 * @param transactionId the store's transaction id
 * @param productId the catalog product
 * @param storeProductId the store's product id (SKU)
 * @param kind the product's kind
 * @param quantity units bought
 * @param eventId the event that recorded it
 * @param currencies what it credited, currency to amount
 * @param instanceIds the instances it created or (a renewal) extended
 * @param expiresAt for subscriptions: the end of the period bought, or {@code null}
 * @param revoked whether it was revoked
 */
public record PurchaseRecord(String store, String transactionId, String productId, String storeProductId,
                             ProductKind kind, long quantity, String eventId,
                             SortedMap<String, Long> currencies, List<String> instanceIds, Long expiresAt,
                             boolean revoked) {
  public PurchaseRecord {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(kind, "kind");
    currencies = Collections.unmodifiableSortedMap(new TreeMap<>(currencies));
    instanceIds = List.copyOf(instanceIds);
  }

  /** The key of a transaction in {@link Inventory#purchases()}: {@code store|transactionId}. */
  public static String key(final String store, final String transactionId) {
    return store + "|" + transactionId;
  }

  /** This record's key. */
  public String key() {
    return key(store, transactionId);
  }

  PurchaseRecord asRevoked() {
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId,
        currencies, instanceIds, expiresAt, true);
  }
}
