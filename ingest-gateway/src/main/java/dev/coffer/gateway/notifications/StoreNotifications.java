package dev.coffer.gateway.notifications;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.errors.ApiProblem;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.apple.AppleNotification;
import dev.coffer.gateway.receipts.google.GooglePlayNotification;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns verified store notifications into ledger events for the player who made the purchase.
 *
 * <ul>
 *   <li>Apple {@code REFUND} and {@code REVOKE}: {@code PurchaseRevoked} (REFUND, REVOKED).
 *   <li>Apple {@code DID_RENEW}: the renewal's transaction as a {@code PurchaseVerified} (its own
 *       receipt dedupe key; grants from the catalog).
 *   <li>Apple {@code EXPIRED}, {@code DID_CHANGE_RENEWAL_STATUS}, {@code DID_FAIL_TO_RENEW},
 *       {@code GRACE_PERIOD_EXPIRED}: {@code SubscriptionUpdated}.
 *   <li>Google voided purchases: {@code PurchaseRevoked} (REFUND); subscription revoked (12):
 *       {@code PurchaseRevoked} (REVOKED); other subscription states: {@code SubscriptionUpdated}.
 *   <li>Anything else (tests, one-time product purchases, consumption requests): ignored.
 * </ul>
 * Non-purchase events are keyed with the system key {@code apple:<notificationUUID>} or
 * {@code google:<messageId>} (a namespace no caller's idempotency key reaches), so a store's
 * redelivery is a DUPLICATE.
 */
public final class StoreNotifications {
  private final CatalogView catalog;
  private final PurchaseIndex index;
  private final Clock clock;

  /** What a notification becomes. */
  public sealed interface Result {
    /** A ledger event to submit. */
    record Event(LedgerEvent event) implements Result {
    }

    /** Nothing to record. */
    record Ignored(String why) implements Result {
    }
  }

  /**
   * @param catalog the catalog (renewals' grants)
   * @param index the purchases' players
   * @param clock stamps {@code occurredAt}
   */
  public StoreNotifications(final CatalogView catalog, final PurchaseIndex index, final Clock clock) {
    this.catalog = catalog;
    this.index = index;
    this.clock = clock;
  }

  /** An App Store notification. */
  public Result apple(final String appId, final AppleNotification n, final String requestId) {
    final VerifiedReceipt tx = n.transaction();
    if (tx == null) {
      return new Result.Ignored(n.notificationType() + " carries no transaction");
    }
    final String type = n.notificationType();
    if (!isHandledApple(type)) {
      return new Result.Ignored(type + " is not recorded");
    }
    final PurchaseIndex.Purchase purchase = index.find(appId, Store.APPLE_APP_STORE, tx.transactionId())
        .or(() -> index.find(appId, Store.APPLE_APP_STORE, tx.originalTransactionId()))
        .orElseThrow(() -> unknown(tx.transactionId()));
    final String key = "apple:" + n.notificationUUID();
    final String original = tx.originalTransactionId() != null ? tx.originalTransactionId() : tx.transactionId();
    final Instant revokedAt = tx.revocation() != null ? tx.revocation().revokedAt() : n.signedDate();
    if ("DID_RENEW".equals(type)) {
      return new Result.Event(renewal(appId, purchase, tx, requestId));
    }
    final Object payload = switch (type) {
      case "REFUND" -> revoked(Store.APPLE_APP_STORE, tx.transactionId(), RevocationReason.REFUND, revokedAt);
      case "REVOKE" -> revoked(Store.APPLE_APP_STORE, tx.transactionId(), RevocationReason.REVOKED, revokedAt);
      case "EXPIRED" -> updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.EXPIRED, tx.expiresAt(), false);
      case "DID_CHANGE_RENEWAL_STATUS" -> "AUTO_RENEW_DISABLED".equals(n.subtype())
          ? updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.CANCELLED, tx.expiresAt(), false)
          : updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.ACTIVE, tx.expiresAt(), true);
      case "DID_FAIL_TO_RENEW" -> updated(Store.APPLE_APP_STORE, original, "GRACE_PERIOD".equals(n.subtype())
          ? SubscriptionStatus.IN_GRACE_PERIOD : SubscriptionStatus.IN_BILLING_RETRY, tx.expiresAt(), null);
      case "GRACE_PERIOD_EXPIRED" ->
          updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.IN_BILLING_RETRY, tx.expiresAt(), null);
      default -> throw new IllegalStateException("unhandled " + type);
    };
    return new Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(), key, payload, false, requestId,
        clock.instant()));
  }

  private static boolean isHandledApple(final String type) {
    return switch (type) {
      case "REFUND", "REVOKE", "DID_RENEW", "EXPIRED", "DID_CHANGE_RENEWAL_STATUS", "DID_FAIL_TO_RENEW",
           "GRACE_PERIOD_EXPIRED" -> true;
      default -> false;
    };
  }

  private LedgerEvent renewal(final String appId, final PurchaseIndex.Purchase purchase, final VerifiedReceipt tx,
                              final String requestId) {
    final Product product = catalog.product(appId, Objects.requireNonNullElse(purchase.productId(), ""))
        .filter(p -> tx.storeProductId().equals(p.getStoreProductIds().get("apple_app_store")))
        .or(() -> catalog.products(appId).stream()
            .filter(p -> tx.storeProductId().equals(p.getStoreProductIds().get("apple_app_store"))).findFirst())
        .orElseThrow(() -> new ApiProblem(ErrorCode.UNKNOWN_PRODUCT,
            "no catalog product has App Store product id " + tx.storeProductId()));
    final PurchaseVerified payload = PurchaseVerified.newBuilder().setStore(Store.APPLE_APP_STORE)
        .setProductId(product.getProductId()).setStoreProductId(tx.storeProductId())
        .setProductType(product.getProductType()).setTransactionId(tx.transactionId())
        .setOriginalTransactionId(tx.originalTransactionId()).setOrderId(tx.orderId())
        .setPurchaseTime(tx.purchaseTime()).setQuantity(tx.quantity())
        .setPrice(tx.price() == null ? null : tx.price().setScale(6, RoundingMode.HALF_EVEN))
        .setCurrency(tx.price() == null ? null : tx.currency()).setCountry(tx.country())
        .setEnvironment(tx.environment()).setExpiresAt(tx.expiresAt()).setAutoConsume(product.getAutoConsume())
        .setGrants(catalog.resolve(appId, product.getGrants())).build();
    return LedgerEvents.forReceipt(appId, purchase.playerRef(), Store.APPLE_APP_STORE, tx.transactionId(), payload,
        requestId, clock.instant());
  }

  /** A Google Play notification. */
  public Result google(final String appId, final GooglePlayNotification n, final String requestId) {
    final String key = "google:" + n.messageId();
    final Object payload;
    final PurchaseIndex.Purchase purchase;
    switch (n.event()) {
      case GooglePlayNotification.VoidedPurchase v -> {
        purchase = index.find(appId, Store.GOOGLE_PLAY, v.orderId())
            .or(() -> index.find(appId, Store.GOOGLE_PLAY, v.purchaseToken()))
            .orElseThrow(() -> unknown(v.orderId()));
        payload = revoked(Store.GOOGLE_PLAY, purchase.transactionId(), RevocationReason.REFUND, n.eventTime());
      }
      case GooglePlayNotification.Subscription s -> {
        final SubscriptionStatus status = switch (s.notificationType()) {
          case 1, 2, 4, 7 -> SubscriptionStatus.ACTIVE;
          case 3 -> SubscriptionStatus.CANCELLED;
          case 5 -> SubscriptionStatus.IN_BILLING_RETRY;
          case 6 -> SubscriptionStatus.IN_GRACE_PERIOD;
          case 10 -> SubscriptionStatus.PAUSED;
          case 12 -> SubscriptionStatus.REVOKED;
          case 13 -> SubscriptionStatus.EXPIRED;
          default -> null;
        };
        if (status == null) {
          return new Result.Ignored("subscription notification type " + s.notificationType() + " is not recorded");
        }
        purchase = index.find(appId, Store.GOOGLE_PLAY, s.purchaseToken())
            .orElseThrow(() -> unknown(s.purchaseToken()));
        payload = status == SubscriptionStatus.REVOKED
            ? revoked(Store.GOOGLE_PLAY, purchase.transactionId(), RevocationReason.REVOKED, n.eventTime())
            : updated(Store.GOOGLE_PLAY, s.purchaseToken(), status, null, null);
      }
      default -> {
        return new Result.Ignored(n.event().getClass().getSimpleName() + " is not recorded");
      }
    }
    return new Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(), key, payload, false, requestId,
        clock.instant()));
  }

  private static PurchaseRevoked revoked(final Store store, final String transactionId,
                                         final RevocationReason reason, final Instant at) {
    return PurchaseRevoked.newBuilder().setStore(store).setTransactionId(transactionId).setReason(reason)
        .setRevokedAt(at).build();
  }

  private static SubscriptionUpdated updated(final Store store, final String originalTransactionId,
                                             final SubscriptionStatus status, final Instant expiresAt,
                                             final Boolean autoRenew) {
    return SubscriptionUpdated.newBuilder().setStore(store).setOriginalTransactionId(originalTransactionId)
        .setStatus(status).setExpiresAt(expiresAt).setAutoRenew(autoRenew).build();
  }

  private static ApiProblem unknown(final String id) {
    return new ApiProblem(ErrorCode.UNKNOWN_PURCHASE, "no recorded purchase has transaction " + id
        + " (the store may retry; it is found once the purchase is recorded)");
  }
}
