package dev.coffer.gateway.purchases;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.catalog.StoreSkus;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.service.problem.ProblemException;
import java.util.Optional;

/**
 * Which catalog product a verified receipt buys: the one product that has the receipt's store product id
 * (SKU) for its store. Purchases, renewals and store reconciliation all resolve products here, never from a
 * client's product id and never by picking the first of several.
 */
public final class ReceiptProducts {
  private final CatalogView catalog;

  /** @param catalog the catalog */
  public ReceiptProducts(final CatalogView catalog) {
    this.catalog = catalog;
  }

  /**
   * The catalog product a verified receipt buys: the one product with the receipt's SKU for its store,
   * checked against the store's own statement of its type and, when given, the client's productId.
   *
   * @param appId the app
   * @param receipt the verified receipt
   * @param claimedProductId the client's productId; nullable
   * @return the product
   * @throws ProblemException UNKNOWN_PRODUCT, PRODUCT_NOT_IN_STORE, AMBIGUOUS_STORE_PRODUCT, PRODUCT_TYPE_MISMATCH,
   *     PRODUCT_MISMATCH
   */
  public Product productOf(final String appId, final VerifiedReceipt receipt, final String claimedProductId) {
    final String store = StoreSkus.storeName(receipt.store());
    final Product product = catalog.productForStoreId(appId, receipt.store(), receipt.storeProductId())
        .orElseThrow(() -> {
          final Optional<Product> claimed = claimedProductId == null ? Optional.empty()
              : catalog.product(appId, claimedProductId);
          if (claimed.isPresent() && !claimed.get().getStoreProductIds().containsKey(store)) {
            return new ProblemException(ErrorCode.PRODUCT_NOT_IN_STORE, "product " + claimedProductId
                + " has no product id for store " + store + " (the receipt is for " + receipt.storeProductId() + ")");
          }
          return new ProblemException(ErrorCode.UNKNOWN_PRODUCT, "no product in the catalog of " + appId + " has "
              + store + " product id " + receipt.storeProductId());
        });
    StoreSkus.checkType(product, receipt.store(), receipt.productType());
    if (claimedProductId != null && !claimedProductId.equals(product.getProductId())) {
      throw new ProblemException(ErrorCode.PRODUCT_MISMATCH, "the receipt is for " + store + " product id "
          + receipt.storeProductId() + ", which is catalog product " + product.getProductId() + ", not "
          + claimedProductId);
    }
    return product;
  }

}
