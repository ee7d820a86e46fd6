package dev.coffer.gateway.purchases;

import dev.coffer.gateway.catalog.CatalogJson;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.gateway.receipts.google.SignedPurchase;
import dev.coffer.gateway.receipts.huawei.HuaweiPurchase;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.Store;
import java.math.BigDecimal;
import java.util.Set;

/**
 * A validated {@code POST /purchases} body.
 *
 * @param playerId the game's player id
 * @param store the store
 * @param productId Coffer's product id as the client names it: optional, a cross-check of the product the
 *     receipt's store product id resolves to (required with dynamic grants, where it names the offer); nullable
 * @param storeProductId with dynamic grants: the store's product id, defaulting to productId; else null
 * @param receipt the store's receipt: a {@link SignedPurchase} (Google Play, Cafe Bazaar) or a signed string
 * @param grants dynamic grants named by a server key; nullable (then the catalog decides)
 * @param price the price the client reports; nullable
 * @param currency ISO 4217 of price; nullable
 * @param country ISO 3166-1 alpha-2; nullable
 * @param os the operating system; nullable
 * @param market the sales channel; nullable
 * @param playerLevel the player's level; nullable
 * @param grade the player's grade; nullable
 */
public record PurchaseRequest(String playerId, Store store, String productId, String storeProductId, Object receipt,
                              Grants grants, BigDecimal price, String currency, String country, String os,
                              String market, Integer playerLevel, String grade) {
  private static final int MAX_RECEIPT = 20_000;
  /** The stores whose receipts a client submits (Stripe's purchases come by webhook). */
  private static final Set<String> RECEIPT_STORES = Set.of("google_play", "apple_app_store", "cafe_bazaar",
      "huawei_appgallery", "test");

  /**
   * Reads and validates a body (the player id's shape is checked by the caller).
   *
   * @param body the JSON body
   * @return the request
   */
  public static PurchaseRequest parse(final JsonBody body) {
    body.only("playerId", "store", "productId", "storeProductId", "receipt", "grants", "price", "currency",
        "country", "os", "market", "playerLevel", "grade");
    final String playerId = body.text("playerId", 128);
    final String storeName = body.text("store", 20);
    if (!RECEIPT_STORES.contains(storeName)) {
      throw JsonBody.invalid("store", "must be google_play, apple_app_store, cafe_bazaar, huawei_appgallery or test"
          + (storeName.equals("stripe") ? " (Stripe purchases arrive by webhook: /notifications/stripe)" : ""));
    }
    final Store store = Store.valueOf(storeName.toUpperCase(java.util.Locale.ROOT));
    final JsonBody receiptBody = body.object("receipt");
    final Object receipt = switch (store) {
      case GOOGLE_PLAY, CAFE_BAZAAR -> {
        receiptBody.only("purchaseData", "signature");
        yield new SignedPurchase(receiptBody.text("purchaseData", MAX_RECEIPT), receiptBody.text("signature", 4_000));
      }
      case APPLE_APP_STORE -> {
        receiptBody.only("signedTransaction");
        yield receiptBody.text("signedTransaction", MAX_RECEIPT);
      }
      case HUAWEI_APPGALLERY -> {
        receiptBody.only("inAppPurchaseData", "inAppDataSignature", "signatureAlgorithm");
        yield new HuaweiPurchase(receiptBody.text("inAppPurchaseData", MAX_RECEIPT),
            receiptBody.text("inAppDataSignature", 4_000), receiptBody.optionalText("signatureAlgorithm", 40));
      }
      case TEST -> {
        receiptBody.only("signedReceipt");
        yield receiptBody.text("signedReceipt", MAX_RECEIPT);
      }
      default -> throw new ProblemException(ErrorCode.INVALID_FIELD, "store is not supported");
    };
    final Grants grants = body.has("grants") ? CatalogJson.grants(body.object("grants")) : null;
    if (grants != null && CatalogJson.empty(grants)) {
      throw JsonBody.invalid("grants", "must give at least one currency amount or item");
    }
    // The receipt decides the product; the client's productId is only a cross-check, except for dynamic grants.
    final String productId = grants != null ? body.id("productId") : body.optionalId("productId");
    final String storeProductId = body.optionalText("storeProductId", 200);
    if (storeProductId != null && grants == null) {
      throw JsonBody.invalid("storeProductId", "is only for dynamic grants; the catalog names the store's product id");
    }
    final BigDecimal price = body.optionalPrice("price");
    final String currency = body.optionalIsoCurrency("currency");
    if ((price == null) != (currency == null)) {
      throw JsonBody.invalid(price == null ? "price" : "currency", "price and currency go together");
    }
    return new PurchaseRequest(playerId, store, productId,
        grants == null ? null : storeProductId == null ? productId : storeProductId, receipt, grants, price,
        currency, body.optionalCountry("country"), body.optionalText("os", 32), body.optionalText("market", 64),
        body.optionalInt("playerLevel", 0, 1_000_000), body.optionalText("grade", 64));
  }
}
