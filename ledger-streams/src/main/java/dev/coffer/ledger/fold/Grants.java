package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.ItemAmount;
import dev.coffer.ledger.rejection.Amounts;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What something gives: currency amounts (sorted by currency) and item quantities (in declared order).
 *
 * @param currencies currency to a positive amount
 * @param items items, in declared order
 */
public record Grants(SortedMap<String, Long> currencies, List<ItemAmount> items) {
  /** Nothing. */
  public static final Grants NONE = new Grants(new TreeMap<>(), List.of());

  public Grants {
    currencies = Collections.unmodifiableSortedMap(new TreeMap<>(currencies));
    items = List.copyOf(items);
  }

  /**
   * Grants from any map (sorted here, so the source map's order never matters).
   *
   * @param currencies currency to amount
   * @param items items in declared order
   * @return the grants
   */
  public static Grants of(final Map<String, Long> currencies, final List<ItemAmount> items) {
    return new Grants(new TreeMap<>(currencies), items);
  }

  /** Whether it gives nothing. */
  public boolean isEmpty() {
    return currencies.isEmpty() && items.isEmpty();
  }

  /**
   * These grants {@code times} over (per-unit grants of a purchase or consume of several units).
   *
   * @throws dev.coffer.ledger.rejection.RuleRejected AMOUNT_OVERFLOW
   */
  public Grants times(final long times) {
    final TreeMap<String, Long> scaled = new TreeMap<>();
    currencies.forEach((currency, amount) -> scaled.put(currency, Amounts.multiply(amount, times)));
    final List<ItemAmount> scaledItems = items.stream()
        .map(item -> new ItemAmount(item.itemId(), Amounts.multiply(item.quantity(), times), item.consumable()))
        .toList();
    return new Grants(scaled, scaledItems);
  }
}
