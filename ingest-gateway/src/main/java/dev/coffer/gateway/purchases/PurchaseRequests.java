package dev.coffer.gateway.purchases;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.receipts.BuyerIds;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.ReceiptVerifier;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.google.SignedPurchase;
import dev.coffer.gateway.receipts.huawei.HuaweiPurchase;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.service.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;

/**
 * Turns a purchase request into a {@code PurchaseVerified} event: verifies the receipt, resolves the
 * catalog product from the store product id (SKU) the receipt names (never from the client's
 * {@code productId}, which is only a cross-check), then resolves the grants so that replay never
 * depends on today's catalog. With a server key's dynamic grants, the request names the SKU and the
 * grants itself.
 */
public final class PurchaseRequests {
  private final CatalogView catalog;
  private final ReceiptProducts products;
  private final Clock clock;

  /**
   * @param catalog the catalog
   * @param clock stamps {@code occurredAt}
   */
  public PurchaseRequests(final CatalogView catalog, final Clock clock) {
    this.catalog = catalog;
    this.products = new ReceiptProducts(catalog);
    this.clock = clock;
  }

  /**
   * Verifies and builds the event.
   *
   * @param appId the app
   * @param stores the app's verifiers
   * @param request the request (dynamic grants only if a server key sent it; checked by the caller)
   * @param requestId the HTTP request id
   * @return the event of the player once its ref is known (every check is made before the player is looked
   *     up), keyed {@code appId|receipt|<store>|<transactionId>}
   * @throws ProblemException for a refused receipt, a SKU no product has ({@code UNKNOWN_PRODUCT}), a
   *     {@code productId} that is not the receipt's product ({@code PRODUCT_MISMATCH}), a type the store
   *     contradicts ({@code PRODUCT_TYPE_MISMATCH}) or an item not in the catalog
   */
  public PlayerRequests.PlayerEvent toEvent(final String appId, final AppStores stores, final PurchaseRequest request,
                                            final String requestId) {
    final boolean dynamic = request.grants() != null;
    final VerifiedReceipt receipt = verify(stores, request, dynamic ? request.storeProductId() : null);
    checkBuyer(appId, stores.options(), request, receipt);
    final Product product;
    final Grants grants;
    if (dynamic) {
      product = null;
      grants = catalog.resolveDynamic(appId, request.grants());
    } else {
      product = products.productOf(appId, receipt, request.productId());
      grants = catalog.resolve(appId, product.getGrants());
    }
    // Built once (fixed occurredAt): the ref only fills the envelope.
    final LedgerEvent event = event(appId, "pending", request, receipt, product, grants, requestId);
    return ref -> LedgerEvent.newBuilder(event).setPlayerRef(ref).build();
  }

  private LedgerEvent event(final String appId, final String playerRef, final PurchaseRequest request,
                            final VerifiedReceipt receipt, final Product product, final Grants grants,
                            final String requestId) {
    final boolean dynamic = product == null;
    // Dynamic items are always consumable and consumed on confirmation.
    final ProductType type = dynamic ? ProductType.CONSUMABLE : product.getProductType();
    final BigDecimal price = receipt.price() != null ? receipt.price() : request.price();
    final String currency = receipt.price() != null ? receipt.currency() : request.currency();
    final PurchaseVerified payload = PurchaseVerified.newBuilder()
        .setStore(request.store()).setProductId(dynamic ? request.productId() : product.getProductId())
        .setStoreProductId(receipt.storeProductId())
        .setProductType(type)
        .setTransactionId(receipt.transactionId())
        .setOriginalTransactionId(originalTransactionId(receipt, type))
        .setOrderId(receipt.orderId()).setPurchaseToken(receipt.purchaseToken())
        .setPurchaseTime(receipt.purchaseTime()).setQuantity(receipt.quantity())
        .setPrice(price == null ? null : price.setScale(6, RoundingMode.HALF_EVEN)).setCurrency(currency)
        .setCountry(receipt.country() != null ? receipt.country() : request.country())
        .setOs(request.os()).setMarket(request.market()).setEnvironment(receipt.environment())
        .setExpiresAt(receipt.expiresAt()).setAutoConsume(dynamic || product.getAutoConsume())
        .setPlayerLevel(request.playerLevel()).setGrade(request.grade())
        .setGrants(grants).setOnConsume(catalog.onConsumeOf(appId, grants, dynamic || product.getAutoConsume()))
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

  /**
   * Where the app requires it, checks that the receipt names the purchasing player: Google Play's
   * {@code obfuscatedAccountId}, the App Store's {@code appAccountToken} (values in {@link BuyerIds}).
   */
  private static void checkBuyer(final String appId, final StoreOptions options, final PurchaseRequest request,
                                 final VerifiedReceipt receipt) {
    try {
      switch (request.store()) {
        case GOOGLE_PLAY -> options.googlePlayBinding().check(receipt.boundAccount(),
            BuyerIds.obfuscatedAccountId(appId, request.playerId()), "obfuscatedAccountId");
        case APPLE_APP_STORE -> options.appleBinding().check(receipt.boundAccount(),
            BuyerIds.appAccountToken(appId, request.playerId()).toString(), "appAccountToken");
        default -> {
          // The other stores sign no account id of the game's.
        }
      }
    } catch (final ReceiptRejectedException e) {
      throw rejection(e);
    }
  }

  /** Verifies the request's receipt; with {@code storeProductId} (dynamic grants) also its SKU. */
  private static VerifiedReceipt verify(final AppStores stores, final PurchaseRequest request,
                                        final String storeProductId) {
    try {
      return switch (request.store()) {
        case GOOGLE_PLAY -> verifyWith(stores.googlePlay(), (SignedPurchase) request.receipt(), storeProductId);
        case CAFE_BAZAAR -> verifyWith(stores.cafeBazaar(), (SignedPurchase) request.receipt(), storeProductId);
        case APPLE_APP_STORE -> verifyWith(stores.apple(), (String) request.receipt(), storeProductId);
        case HUAWEI_APPGALLERY -> verifyWith(stores.huawei(), (HuaweiPurchase) request.receipt(), storeProductId);
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
    return storeProductId == null ? verifier.verify(receipt) : verifier.verify(receipt, storeProductId);
  }

  /** The HTTP problem of a refused receipt or notification: 400 when malformed, 422 otherwise. */
  public static ProblemException rejection(final ReceiptRejectedException e) {
    final boolean malformed = e.code() == RejectionCode.MALFORMED_RECEIPT
        || e.code() == RejectionCode.MALFORMED_NOTIFICATION;
    return new ProblemException(malformed ? 400 : 422, e.code().name(), e.getMessage(), e);
  }
}
