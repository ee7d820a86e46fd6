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
 * player state) so a refund can take exactly that back however long ago it was bought, and a reversed
 * refund can give exactly that back again.
 *
 * @param store the store
 * @param transactionId the store's transaction id
 * @param productId the catalog product
 * @param storeProductId the store's product id (SKU)
 * @param kind the product's kind
 * @param quantity units bought
 * @param eventId the event that recorded it
 * @param currencies what it credited, currency to amount (for all {@code quantity} units)
 * @param instanceIds the instances it created or (a renewal) extended, and those that consuming them
 *     granted, in the order they were made
 * @param consumeCredits currencies credited so far by consuming those instances (their onConsume
 *     grants, auto-consumption included): taken back with the purchase
 * @param expiresAt for subscriptions: the end of the period bought, or {@code null}
 * @param refundedQuantity units refunded so far (0 to {@code quantity})
 * @param consumeClawedBack the part of {@code consumeCredits} refunds took back so far
 * @param taken what refunds took from held instances (to give back if a refund is reversed)
 */
public record PurchaseRecord(String store, String transactionId, String productId, String storeProductId,
                             ProductKind kind, long quantity, String eventId,
                             SortedMap<String, Long> currencies, List<String> instanceIds,
                             SortedMap<String, Long> consumeCredits, Long expiresAt, long refundedQuantity,
                             SortedMap<String, Long> consumeClawedBack, List<Taken> taken) {
  /**
   * Units a refund took from one instance.
   *
   * @param before the instance as it was before the first refund took from it
   * @param units units taken
   */
  public record Taken(Instance before, long units) {
    public Taken {
      Objects.requireNonNull(before, "before");
    }
  }

  public PurchaseRecord {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(kind, "kind");
    currencies = Collections.unmodifiableSortedMap(new TreeMap<>(currencies));
    instanceIds = List.copyOf(instanceIds);
    consumeCredits = Collections.unmodifiableSortedMap(new TreeMap<>(consumeCredits));
    consumeClawedBack = Collections.unmodifiableSortedMap(new TreeMap<>(consumeClawedBack));
    taken = List.copyOf(taken);
  }

  /** A purchase just recorded: nothing consumed or refunded yet. */
  static PurchaseRecord recorded(final PurchaseSpec spec, final List<String> instanceIds) {
    return new PurchaseRecord(spec.store(), spec.transactionId(), spec.productId(), spec.storeProductId(),
        spec.kind(), spec.quantity(), spec.eventId(), spec.currencies(), instanceIds, new TreeMap<>(),
        spec.expiresAt(), 0, new TreeMap<>(), List.of());
  }

  /** Whether every unit was refunded. */
  public boolean revoked() {
    return refundedQuantity >= quantity;
  }

  /** Units not refunded. */
  public long unrefunded() {
    return quantity - refundedQuantity;
  }

  /** This record after consuming one of its instances credited {@code credited} and granted {@code granted}. */
  PurchaseRecord withConsumed(final Map<String, Long> credited, final List<String> granted) {
    final TreeMap<String, Long> credits = new TreeMap<>(consumeCredits);
    credited.forEach((currency, amount) -> credits.merge(currency, amount, Amounts::add));
    final List<String> ids = new ArrayList<>(instanceIds);
    ids.addAll(granted);
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId,
        currencies, ids, credits, expiresAt, refundedQuantity, consumeClawedBack, taken);
  }

  /** This record after a refund of {@code units} more units took {@code clawed} and {@code took}. */
  PurchaseRecord withRefund(final long units, final Map<String, Long> clawed, final List<Taken> took) {
    final TreeMap<String, Long> clawedBack = new TreeMap<>(consumeClawedBack);
    clawed.forEach((currency, amount) -> clawedBack.merge(currency, amount, Amounts::add));
    final List<Taken> all = new ArrayList<>(taken);
    all.addAll(took);
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId,
        currencies, instanceIds, consumeCredits, expiresAt, refundedQuantity + units, clawedBack, all);
  }

  /** This record with every refund reversed. */
  PurchaseRecord reinstated() {
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId,
        currencies, instanceIds, consumeCredits, expiresAt, 0, new TreeMap<>(), List.of());
  }
}
