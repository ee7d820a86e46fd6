package dev.coffer.apps;

import dev.coffer.schemas.ledger.ProductType;
import java.util.List;
import java.util.Map;

/**
 * Products and items an app's catalog starts with, from the apps file. The gateway writes each one
 * to {@code coffer.catalog} when it is not there yet; later changes go through the catalog API.
 *
 * @param products the products
 * @param items the items
 */
public record InitialCatalog(List<Product> products, List<Item> items) {
  public InitialCatalog {
    products = List.copyOf(products);
    items = List.copyOf(items);
  }

  /** An empty catalog. */
  public static InitialCatalog empty() {
    return new InitialCatalog(List.of(), List.of());
  }

  /**
   * What something gives.
   *
   * @param currencies virtual currency code to positive amount
   * @param items item id to positive quantity, in declaration order
   */
  public record Grants(Map<String, Long> currencies, Map<String, Long> items) {
    public Grants {
      currencies = Map.copyOf(currencies);
      items = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(items));
    }
  }

  /**
   * A product a store sells.
   *
   * @param productId Coffer's product id
   * @param productType its type
   * @param storeProductIds store name ({@code google_play}, {@code apple_app_store}, {@code cafe_bazaar},
   *     {@code test}) to the store's product id
   * @param grants what one unit gives
   * @param autoConsume whether its items are consumed at once
   * @param displayName a name for people; nullable
   */
  public record Product(String productId, ProductType productType, Map<String, String> storeProductIds,
                        Grants grants, boolean autoConsume, String displayName) {
    public Product {
      storeProductIds = Map.copyOf(storeProductIds);
    }
  }

  /**
   * An item a player can hold.
   *
   * @param itemId the item id
   * @param consumable whether it can be consumed
   * @param stackable whether units share one instance
   * @param onConsume what consuming one unit gives
   * @param displayName a name for people; nullable
   */
  public record Item(String itemId, boolean consumable, boolean stackable, Grants onConsume, String displayName) {
  }
}
