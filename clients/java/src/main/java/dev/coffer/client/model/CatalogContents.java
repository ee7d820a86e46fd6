package dev.coffer.client.model;

import java.util.List;

/**
 * A whole catalog, as exported (and as a JSON import takes it).
 *
 * @param products the products, by id
 * @param items the items, by id
 */
public record CatalogContents(List<Product> products, List<Item> items) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public CatalogContents {
    products = products == null ? List.of() : List.copyOf(products);
    items = items == null ? List.of() : List.copyOf(items);
  }
}
