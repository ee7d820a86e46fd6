package dev.coffer.gateway.purchases;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.errors.ApiProblem;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.ReceiptVerifier;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.google.SignedPurchase;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseVerified;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Locale;

/**
 * Turns a purchase request into a {@code PurchaseVerified} event: verifies the receipt against the
 * store product id the catalog names for that store (or, with a server key's dynamic grants, the
 * request's), then resolves the grants so that replay never depends on today's catalog.
 */
public final class PurchaseRequests {
  private final CatalogView catalog;
  private final Clock clock;

  /**
   * @param catalog the catalog
   * @param clock stamps {@code occurredAt}
   */
  public PurchaseRequests(final CatalogView catalog, final Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Verifies and builds the event.
   *
   * @param appId the app
   * @param stores the app's verifiers
   * @param request the request (dynamic grants only if a server key sent it; checked by the caller)
   * @param playerRef the player's ref
   * @param requestId the HTTP request id
   * @return the event, keyed {@code appId|receipt|<store>|<transactionId>}
   * @throws ApiProblem for an unknown product, an item not in the catalog or a refused receipt
   */
  public LedgerEvent toEvent(final String appId, final AppStores stores, final PurchaseRequest request,
                             final String playerRef, final String requestId) {
    final boolean dynamic = request.grants() != null;
    final Product product;
    final String storeProductId;
    final Grants grants;
    if (dynamic) {
      product = null;
      storeProductId = request.storeProductId();
      grants = catalog.resolveDynamic(appId, request.grants());
    } else {
      product = catalog.product(appId, request.productId()).orElseThrow(() -> new ApiProblem(
          ErrorCode.UNKNOWN_PRODUCT, "product " + request.productId() + " is not in the catalog of " + appId));
      storeProductId = product.getStoreProductIds().get(request.store().name().toLowerCase(Locale.ROOT));
      if (storeProductId == null) {
        throw new ApiProblem(ErrorCode.PRODUCT_NOT_IN_STORE, "product " + request.productId()
            + " has no product id for store " + request.store().name().toLowerCase(Locale.ROOT));
      }
      grants = catalog.resolve(appId, product.getGrants());
    }
    final VerifiedReceipt receipt = verify(stores, request, storeProductId);
    final BigDecimal price = receipt.price() != null ? receipt.price() : request.price();
    final String currency = receipt.price() != null ? receipt.currency() : request.currency();
    final PurchaseVerified payload = PurchaseVerified.newBuilder()
        .setStore(request.store()).setProductId(request.productId()).setStoreProductId(receipt.storeProductId())
        // Dynamic items are always consumable and consumed on confirmation.
        .setProductType(dynamic ? ProductType.CONSUMABLE : product.getProductType())
        .setTransactionId(receipt.transactionId())
        .setOriginalTransactionId(originalTransactionId(receipt, dynamic ? ProductType.CONSUMABLE : product.getProductType()))
        .setOrderId(receipt.orderId()).setPurchaseToken(receipt.purchaseToken())
        .setPurchaseTime(receipt.purchaseTime()).setQuantity(receipt.quantity())
        .setPrice(price == null ? null : price.setScale(6, RoundingMode.HALF_EVEN)).setCurrency(currency)
        .setCountry(receipt.country() != null ? receipt.country() : request.country())
        .setOs(request.os()).setMarket(request.market()).setEnvironment(receipt.environment())
        .setExpiresAt(receipt.expiresAt()).setAutoConsume(dynamic || product.getAutoConsume())
        .setPlayerLevel(request.playerLevel()).setGrade(request.grade())
        .setGrants(grants)
        .build();
    return LedgerEvents.forReceipt(appId, playerRef, request.store(), receipt.transactionId(), payload, requestId,
        clock.instant());
  }

  /**
   * Apple's originalTransactionId; for a Google Play or Bazaar subscription its purchase token, which
   * is what the store's notifications name the subscription by.
   */
  private static String originalTransactionId(final VerifiedReceipt receipt, final ProductType type) {
    if (receipt.originalTransactionId() == null && type == ProductType.SUBSCRIPTION) {
      return receipt.purchaseToken();
    }
    return receipt.originalTransactionId();
  }

  private static VerifiedReceipt verify(final AppStores stores, final PurchaseRequest request,
                                        final String storeProductId) {
    try {
      return switch (request.store()) {
        case GOOGLE_PLAY -> verifyWith(stores.googlePlay(), (SignedPurchase) request.receipt(), storeProductId);
        case CAFE_BAZAAR -> verifyWith(stores.cafeBazaar(), (SignedPurchase) request.receipt(), storeProductId);
        case APPLE_APP_STORE -> verifyWith(stores.apple(), (String) request.receipt(), storeProductId);
        case TEST -> verifyWith(stores.test(), (String) request.receipt(), storeProductId);
        default -> throw new ReceiptRejectedException(RejectionCode.STORE_DISABLED, "unknown store");
      };
    } catch (final ReceiptRejectedException e) {
      throw rejection(e);
    }
  }

  private static <R> VerifiedReceipt verifyWith(final ReceiptVerifier<R> verifier, final R receipt,
                                                final String storeProductId) throws ReceiptRejectedException {
    if (verifier == null) {
      throw new ReceiptRejectedException(RejectionCode.STORE_DISABLED, "the store is not enabled for this app");
    }
    return verifier.verify(receipt, storeProductId);
  }

  /** The HTTP problem of a refused receipt or notification: 400 when malformed, 422 otherwise. */
  public static ApiProblem rejection(final ReceiptRejectedException e) {
    final boolean malformed = e.code() == RejectionCode.MALFORMED_RECEIPT
        || e.code() == RejectionCode.MALFORMED_NOTIFICATION;
    return new ApiProblem(malformed ? 400 : 422, e.code().name(), e.getMessage(), e);
  }
}
