package dev.coffer.service.purchases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.ledger.Store;
import java.util.Objects;

/**
 * One entry of the purchase index as JSON: what projections answers
 * {@code GET /internal/v1/apps/{appId}/purchase-index/{store}/{storeId}} with, and what the gateway
 * reads to find the player of a store notification. Built from the ledger's {@link PurchaseIndexEntry}
 * here and nowhere else, so both sides read one shape.
 *
 * @param appId the tenant
 * @param playerRef the player who made the purchase
 * @param store the store ({@link Store} symbol)
 * @param transactionId the purchase's transaction id (a subscription's first transaction)
 * @param originalTransactionId for subscriptions: the first transaction, which renewals share
 * @param purchaseToken Google Play, Bazaar or Huawei purchase token, or {@code null}
 * @param productId Coffer's catalog product
 * @param productType the product's type
 * @param quantity units bought
 * @param purchasedAt when the ledger applied the purchase (ISO-8601, UTC)
 * @param eventId the ledger event of the purchase
 */
// A newer projections may add fields; an older gateway reads on.
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexedPurchase(String appId, String playerRef, String store, String transactionId,
                              String originalTransactionId, String purchaseToken, String productId,
                              String productType, long quantity, String purchasedAt, String eventId) {
  public IndexedPurchase {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(playerRef, "playerRef");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(productId, "productId");
  }

  /** The JSON of a ledger index entry. */
  public static IndexedPurchase of(final PurchaseIndexEntry e) {
    return new IndexedPurchase(e.getAppId(), e.getPlayerRef(), e.getStore().name(), e.getTransactionId(),
        e.getOriginalTransactionId(), e.getPurchaseToken(), e.getProductId(), e.getProductType().name(),
        e.getQuantity(), e.getPurchasedAt().toString(), e.getEventId());
  }

  /** The path of the lookup of {@code storeId} under an instance's base URL (ids are URL-encoded by the caller). */
  public static String path(final String appId, final Store store, final String encodedStoreId) {
    return "/internal/v1/apps/" + appId + "/purchase-index/" + store.name() + "/" + encodedStoreId;
  }
}
