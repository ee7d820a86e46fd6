package dev.coffer.gateway.notifications;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.errors.ApiProblem;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.purchases.ReceiptProducts;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.apple.AppleNotification;
import dev.coffer.gateway.receipts.google.GooglePlayApi;
import dev.coffer.gateway.receipts.google.GooglePlayNotification;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns verified store notifications into ledger events for the player who made the purchase.
 *
 * <ul>
 *   <li>Apple {@code REFUND} and {@code REVOKE}: {@code PurchaseRevoked} (REFUND, REVOKED);
 *       {@code REFUND_REVERSED}: {@code PurchaseReinstated}.
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
  private final ReceiptProducts products;
  private final PurchaseIndex index;
  private final Clock clock;
  private final GooglePlayEvents google;

  /** What a notification becomes. */
  public sealed interface Result {
    /** A ledger event to submit. */
    record Event(LedgerEvent event) implements Result {
    }

    /** Several ledger events to submit in this order (a renewal, then the status it leaves). */
    record Events(List<LedgerEvent> events) implements Result {
      public Events {
        events = List.copyOf(events);
      }
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
    this.products = new ReceiptProducts(catalog);
    this.index = index;
    this.clock = clock;
    this.google = new GooglePlayEvents(catalog, index, clock);
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
        .orElseThrow(() -> StoreEvents.unknown(tx.transactionId()));
    final String key = "apple:" + n.notificationUUID();
    final String original = tx.originalTransactionId() != null ? tx.originalTransactionId() : tx.transactionId();
    final Instant revokedAt = tx.revocation() != null ? tx.revocation().revokedAt() : n.signedDate();
    if ("DID_RENEW".equals(type)) {
      return new Result.Event(renewal(appId, purchase, tx, requestId));
    }
    final Object payload = switch (type) {
      case "REFUND" -> StoreEvents.revoked(Store.APPLE_APP_STORE, tx.transactionId(), RevocationReason.REFUND, revokedAt, null);
      case "REFUND_REVERSED" -> PurchaseReinstated.newBuilder().setStore(Store.APPLE_APP_STORE)
          .setTransactionId(tx.transactionId()).setReinstatedAt(n.signedDate()).build();
      case "REVOKE" -> StoreEvents.revoked(Store.APPLE_APP_STORE, tx.transactionId(), RevocationReason.REVOKED, revokedAt, null);
      case "EXPIRED" -> StoreEvents.updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.EXPIRED, tx.expiresAt(), false, null);
      case "DID_CHANGE_RENEWAL_STATUS" -> "AUTO_RENEW_DISABLED".equals(n.subtype())
          ? StoreEvents.updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.CANCELLED, tx.expiresAt(), false, null)
          : StoreEvents.updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.ACTIVE, tx.expiresAt(), true, null);
      case "DID_FAIL_TO_RENEW" -> StoreEvents.updated(Store.APPLE_APP_STORE, original, "GRACE_PERIOD".equals(n.subtype())
          ? SubscriptionStatus.IN_GRACE_PERIOD : SubscriptionStatus.IN_BILLING_RETRY, tx.expiresAt(), null, null);
      case "GRACE_PERIOD_EXPIRED" ->
          StoreEvents.updated(Store.APPLE_APP_STORE, original, SubscriptionStatus.IN_BILLING_RETRY, tx.expiresAt(), null, null);
      default -> throw new IllegalStateException("unhandled " + type);
    };
    return new Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(), key, payload, false, requestId,
        clock.instant()));
  }

  private static boolean isHandledApple(final String type) {
    return switch (type) {
      case "REFUND", "REFUND_REVERSED", "REVOKE", "DID_RENEW", "EXPIRED", "DID_CHANGE_RENEWAL_STATUS", "DID_FAIL_TO_RENEW",
           "GRACE_PERIOD_EXPIRED" -> true;
      default -> false;
    };
  }

  private LedgerEvent renewal(final String appId, final PurchaseIndex.Purchase purchase, final VerifiedReceipt tx,
                              final String requestId) {
    // The renewal's own SKU decides (an upgrade renews into another product), never a guess among products.
    final Product product = products.productOf(appId, tx, null);
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

  /**
   * A Google Play notification (see {@link GooglePlayEvents}).
   *
   * @param appId the app
   * @param n the notification
   * @param api the app's Play Developer API; nullable (not configured)
   * @param requestId the HTTP request id
   * @return what it becomes
   */
  public Result google(final String appId, final GooglePlayNotification n, final GooglePlayApi api,
                       final String requestId) {
    return google.notification(appId, n, api, requestId);
  }

  /**
   * Reads a Google Play subscription from the Play Developer API and records what Coffer does not know yet
   * (the latest paid order, the status): on demand, after lost notifications.
   *
   * @param appId the app
   * @param api the app's Play Developer API
   * @param purchaseToken the subscription's purchase token
   * @param requestId the HTTP request id
   * @return the events
   */
  public Result reconcileGoogle(final String appId, final GooglePlayApi api, final String purchaseToken,
                                final String requestId) {
    return google.reconcile(appId, api, purchaseToken, null, requestId);
  }
}
