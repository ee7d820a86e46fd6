package dev.coffer.keys;

import dev.coffer.schemas.ledger.Store;

/**
 * The key of {@code coffer.purchase-index}: {@code appId|<STORE>|<store id>}, one per id a store may
 * name a purchase by in a notification (transaction id, purchase token, original transaction id). The
 * ledger writes under it; projections' table and the gateway's lookups read by it.
 */
public final class PurchaseIndexKey {
  private PurchaseIndexKey() {
  }

  /**
   * The index key.
   *
   * @param appId the tenant (no {@code |})
   * @param store the store
   * @param storeId one of the purchase's store ids
   * @return {@code appId|STORE|storeId}
   */
  public static String of(final String appId, final Store store, final String storeId) {
    return appId + "|" + store.name() + "|" + storeId;
  }
}
