package dev.coffer.ledger.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a verified purchase gives, already multiplied by the quantity bought.
 *
 * @param eventId the purchase event (instance ids derive from it)
 * @param occurredAt when it occurred (epoch millis)
 * @param store the store
 * @param transactionId the store's transaction id
 * @param originalTransactionId for subscriptions, the first transaction renewals share; may be {@code null}
 * @param productId the catalog product
 * @param storeProductId the store's product id
 * @param kind the product's kind
 * @param quantity units bought
 * @param expiresAt for subscriptions, the end of the period bought; may be {@code null}
 * @param autoConsume whether a consumable's instances are consumed at once
 * @param items the items it gives, in declared order
 * @param currencies the currencies it credits
 */
public record PurchaseSpec(String eventId, long occurredAt, String store, String transactionId,
                           String originalTransactionId, String productId, String storeProductId,
                           ProductKind kind, long quantity, Long expiresAt, boolean autoConsume,
                           List<ItemAmount> items, SortedMap<String, Long> currencies) {
  public PurchaseSpec {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(kind, "kind");
    items = List.copyOf(items);
    currencies = Collections.unmodifiableSortedMap(new TreeMap<>(currencies));
  }

  /** The transaction that ties a subscription's renewals: the original one, else this one. */
  public String subscriptionKey() {
    return originalTransactionId != null ? originalTransactionId : transactionId;
  }
}
