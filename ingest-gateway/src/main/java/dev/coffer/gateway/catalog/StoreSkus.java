package dev.coffer.gateway.catalog;

import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.service.problem.ProblemException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule that makes a receipt name exactly one product: within one app, a store's product id (SKU)
 * belongs to at most one catalog product. A receipt names the SKU, so two products with the same SKU
 * would let a client pick the richer one; the catalog refuses such a state on every write, and a
 * lookup that still finds two (a catalog written before the rule, or two writers racing) refuses the
 * purchase instead of choosing.
 */
public final class StoreSkus {
  private StoreSkus() {
  }

  /**
   * Two products of one app naming the same store product id.
   *
   * @param store the store's wire name ({@code google_play})
   * @param storeProductId the SKU
   * @param productId one product
   * @param otherProductId the other
   */
  public record Clash(String store, String storeProductId, String productId, String otherProductId) {
    /** For messages: names both products, the store and the SKU. */
    public String describe() {
      return "products " + productId + " and " + otherProductId + " both have " + store + " product id "
          + storeProductId + "; a store product id may belong to one product only";
    }

    /** As the answer to a catalog write: 409 {@code DUPLICATE_STORE_PRODUCT_ID}. */
    public ProblemException problem() {
      return new ProblemException(ErrorCode.DUPLICATE_STORE_PRODUCT_ID, describe());
    }
  }

  /** The key of {@code storeProductIds} for a store: its lowercase wire name. */
  public static String storeName(final Store store) {
    return store.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The first clash among {@code products} (taken in product id order, so the answer is stable).
   *
   * @param products every product of one app as it would stand
   * @return the clash, if two share a store product id
   */
  public static Optional<Clash> firstClash(final Collection<Product> products) {
    final Map<String, String> owner = new HashMap<>();
    final List<Product> sorted = products.stream().sorted(Comparator.comparing(Product::getProductId)).toList();
    for (final Product product : sorted) {
      for (final Map.Entry<String, String> e : new TreeMap<>(product.getStoreProductIds()).entrySet()) {
        final String previous = owner.putIfAbsent(e.getKey() + "|" + e.getValue(), product.getProductId());
        if (previous != null && !previous.equals(product.getProductId())) {
          return Optional.of(new Clash(e.getKey(), e.getValue(), previous, product.getProductId()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Checks the store's own statement of a product's type against the catalog's. Where the store says
   * nothing ({@code storeType} null), the catalog decides.
   *
   * @param product the catalog product the receipt's SKU resolved to
   * @param store the store
   * @param storeType what the store says the product is; nullable
   * @throws ProblemException 422 {@code PRODUCT_TYPE_MISMATCH}
   */
  public static void checkType(final Product product, final Store store, final ProductType storeType) {
    if (storeType != null && storeType != product.getProductType()) {
      throw new ProblemException(ErrorCode.PRODUCT_TYPE_MISMATCH, storeName(store) + " says its product is "
          + storeType + " but catalog product " + product.getProductId() + " is " + product.getProductType());
    }
  }
}
