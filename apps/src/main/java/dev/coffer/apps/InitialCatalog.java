package dev.coffer.apps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coffer.schemas.ledger.ProductType;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    products = products == null ? List.of() : List.copyOf(products);
    items = items == null ? List.of() : List.copyOf(items);
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
      currencies = currencies == null ? Map.of() : Map.copyOf(currencies);
      items = Collections.unmodifiableMap(items == null ? new LinkedHashMap<>() : new LinkedHashMap<>(items));
    }

    /** Nothing. */
    public static Grants none() {
      return new Grants(Map.of(), Map.of());
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
      storeProductIds = storeProductIds == null ? Map.of() : Map.copyOf(storeProductIds);
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
    public Item {
      onConsume = onConsume == null ? Grants.none() : onConsume;
    }

    /** Binds an item of the apps file, where {@code stackable} defaults to true. */
    @JsonCreator
    static Item fromFile(@JsonProperty("itemId") final String itemId,
                         @JsonProperty("consumable") final boolean consumable,
                         @JsonProperty("stackable") final Boolean stackable,
                         @JsonProperty("onConsume") final Grants onConsume,
                         @JsonProperty("displayName") final String displayName) {
      return new Item(itemId, consumable, stackable == null || stackable, onConsume, displayName);
    }
  }
}
