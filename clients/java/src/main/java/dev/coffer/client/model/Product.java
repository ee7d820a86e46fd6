package dev.coffer.client.model;

import java.util.Map;

/**
 * A catalog product: what a store product (SKU) gives.
 *
 * @param productId the product's id
 * @param productType CONSUMABLE, NON_CONSUMABLE or SUBSCRIPTION
 * @param storeProductIds store (lower case: {@code google_play}, {@code apple_app_store}, ...) to that store's
 *     product id; within an app a store's product id belongs to one product only
 * @param grants what a purchase gives
 * @param autoConsume whether its consumable items are consumed on purchase
 * @param displayName a name for people, or {@code null}
 */
public record Product(String productId, ProductType productType, Map<String, String> storeProductIds, Grants grants,
                      boolean autoConsume, String displayName) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Product {
    storeProductIds = storeProductIds == null ? Map.of() : Map.copyOf(storeProductIds);
    grants = grants == null ? Grants.none() : grants;
  }
}
