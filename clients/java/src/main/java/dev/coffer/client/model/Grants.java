package dev.coffer.client.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a grant, a product or an item's {@code onConsume} gives: currency amounts (in the smallest unit)
 * and item quantities (catalog items).
 *
 * <pre>{@code Grants.currency("gems", 100).plusItem("potion", 2)}</pre>
 *
 * @param currencies currency to amount
 * @param items item id to quantity
 */
public record Grants(Map<String, Long> currencies, Map<String, Long> items) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Grants {
    currencies = currencies == null ? Map.of() : Map.copyOf(new TreeMap<>(currencies));
    items = items == null ? Map.of() : Map.copyOf(new TreeMap<>(items));
  }

  /** Nothing (add to it with {@link #plusCurrency} and {@link #plusItem}). */
  public static Grants none() {
    return new Grants(Map.of(), Map.of());
  }

  /** {@code amount} of {@code currency}. */
  public static Grants currency(final String currency, final long amount) {
    return none().plusCurrency(currency, amount);
  }

  /** {@code quantity} units of {@code itemId}. */
  public static Grants item(final String itemId, final long quantity) {
    return none().plusItem(itemId, quantity);
  }

  /** These grants and {@code amount} more of {@code currency}. */
  public Grants plusCurrency(final String currency, final long amount) {
    final Map<String, Long> next = new TreeMap<>(currencies);
    next.merge(Objects.requireNonNull(currency, "currency"), amount, Long::sum);
    return new Grants(next, items);
  }

  /** These grants and {@code quantity} more units of {@code itemId}. */
  public Grants plusItem(final String itemId, final long quantity) {
    final Map<String, Long> next = new TreeMap<>(items);
    next.merge(Objects.requireNonNull(itemId, "itemId"), quantity, Long::sum);
    return new Grants(currencies, next);
  }
}
