package dev.coffer.gateway.notifications;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.purchases.ReceiptProducts;
import dev.coffer.gateway.receipts.StoreApiException;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.google.GooglePlayApi;
import dev.coffer.gateway.receipts.google.GooglePlayNotification;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import dev.coffer.schemas.ledger.SubscriptionCancelReason;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.service.problem.ProblemException;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Play real-time developer notifications, and the Play Developer API's answers, as ledger events.
 *
 * <ul>
 *   <li>{@code voidedPurchaseNotification}: {@code PurchaseRevoked} of the recorded purchase. A full refund
 *       ({@code refundType} 1) takes back the whole order (system key {@code google:voided:<orderId>}); a
 *       quantity-based partial refund ({@code refundType} 2) only {@code voidedQuantity} units, read from
 *       {@code purchases.voidedpurchases.list} (key {@code google:voided:<orderId>:<voidedTimeMillis>}, one per
 *       partial refund); a {@code voidedReason} of 7 (chargeback) is a CHARGEBACK, anything else a REFUND.
 *   <li>{@code subscriptionNotification} type 12 (revoked): {@code PurchaseRevoked} (REVOKED). Any other type,
 *       with the API configured: {@code purchases.subscriptionsv2.get}, then (1) the latest paid order as a
 *       renewal {@code PurchaseVerified} keyed by its receipt {@code google_play|<orderId>} (the signup order is
 *       the purchase Coffer already recorded: a DUPLICATE), (2) the state as {@code SubscriptionUpdated} with
 *       expiry, auto-renew and cancel reason, system key {@code google:sub:<token>:<STATUS>:<expiry>}. Without
 *       the API: the status the notification type implies, without expiry (key {@code google:<messageId>}).
 * </ul>
 */
final class GooglePlayEvents {
  private static final String PREFIX = "google";

  private final CatalogView catalog;
  private final ReceiptProducts products;
  private final PurchaseIndex index;
  private final Clock clock;

  GooglePlayEvents(final CatalogView catalog, final PurchaseIndex index, final Clock clock) {
    this.catalog = catalog;
    this.products = new ReceiptProducts(catalog);
    this.index = index;
    this.clock = clock;
  }

  StoreNotifications.Result notification(final String appId, final GooglePlayNotification n, final GooglePlayApi api,
                                         final String requestId) {
    return switch (n.event()) {
      case GooglePlayNotification.VoidedPurchase v -> voided(appId, n, v, api, requestId);
      case GooglePlayNotification.Subscription s -> {
        if (s.notificationType() == 12) {
          final PurchaseIndex.Purchase purchase = purchaseOf(appId, s.purchaseToken());
          yield new StoreNotifications.Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(),
              PREFIX + ":" + n.messageId(), StoreEvents.revoked(Store.GOOGLE_PLAY, purchase.transactionId(),
                  RevocationReason.REVOKED, n.eventTime(), null), false, requestId, clock.instant()));
        }
        yield api != null ? reconcile(appId, api, s.purchaseToken(), n.eventTime(), requestId)
            : statusFromType(appId, n, s, requestId);
      }
      default -> new StoreNotifications.Result.Ignored(n.event().getClass().getSimpleName() + " is not recorded");
    };
  }

  private StoreNotifications.Result voided(final String appId, final GooglePlayNotification n,
                                           final GooglePlayNotification.VoidedPurchase v, final GooglePlayApi api,
                                           final String requestId) {
    final PurchaseIndex.Purchase purchase = index.find(appId, Store.GOOGLE_PLAY, v.orderId())
        .or(() -> index.find(appId, Store.GOOGLE_PLAY, v.purchaseToken()))
        .orElseThrow(() -> StoreEvents.unknown(v.orderId()));
    if (v.refundType() != 2) {
      return new StoreNotifications.Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(),
          PREFIX + ":voided:" + v.orderId(), StoreEvents.revoked(Store.GOOGLE_PLAY, purchase.transactionId(),
              RevocationReason.REFUND, n.eventTime(), null), false, requestId, clock.instant()));
    }
    if (api == null) {
      throw new ProblemException(ErrorCode.STORE_API_NOT_CONFIGURED, "order " + v.orderId() + " was partly refunded by"
          + " quantity; the refunded units are only in the Play Developer API, which this app has not configured");
    }
    final GooglePlayApi.Voided voided;
    try {
      voided = api.voided(v.orderId(), v.purchaseToken(), n.eventTime()).orElseThrow(() -> new StoreApiException(
          StoreApiException.Kind.UNAVAILABLE, "the voided purchases list does not show order " + v.orderId()
              + " yet", null));
    } catch (final StoreApiException e) {
      throw StoreEvents.apiFailure(e);
    }
    final Long quantity = voided.quantity() == null || voided.quantity() <= 0 ? null : (long) voided.quantity();
    final RevocationReason reason = voided.reason() != null && voided.reason() == 7
        ? RevocationReason.CHARGEBACK : RevocationReason.REFUND;
    return new StoreNotifications.Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(),
        PREFIX + ":voided:" + v.orderId() + ":" + voided.voidedAt().toEpochMilli(),
        StoreEvents.revoked(Store.GOOGLE_PLAY, purchase.transactionId(), reason, voided.voidedAt(), quantity), false,
        requestId, clock.instant()));
  }

  /** Without the API: the status the notification type implies (5 on hold, 6 grace period, 10 paused, ...). */
  private StoreNotifications.Result statusFromType(final String appId, final GooglePlayNotification n,
                                                   final GooglePlayNotification.Subscription s,
                                                   final String requestId) {
    final SubscriptionStatus status = switch (s.notificationType()) {
      case 1, 2, 4, 7 -> SubscriptionStatus.ACTIVE;
      case 3 -> SubscriptionStatus.CANCELLED;
      case 5 -> SubscriptionStatus.ON_HOLD;
      case 6 -> SubscriptionStatus.IN_GRACE_PERIOD;
      case 10 -> SubscriptionStatus.PAUSED;
      case 13 -> SubscriptionStatus.EXPIRED;
      default -> null;
    };
    if (status == null) {
      return new StoreNotifications.Result.Ignored("subscription notification type " + s.notificationType()
          + " is not recorded");
    }
    final PurchaseIndex.Purchase purchase = purchaseOf(appId, s.purchaseToken());
    return new StoreNotifications.Result.Event(LedgerEvents.forSystem(appId, purchase.playerRef(),
        PREFIX + ":" + n.messageId(), StoreEvents.updated(Store.GOOGLE_PLAY, s.purchaseToken(), status, null, null,
            null), false, requestId, clock.instant()));
  }

  /**
   * The subscription as the API reports it, as events: its latest paid order (a renewal the ledger has not
   * seen, or a DUPLICATE of one it has), then its status.
   *
   * @param at when the store says it happened (the notification's time); null for now
   */
  StoreNotifications.Result reconcile(final String appId, final GooglePlayApi api, final String purchaseToken,
                                      final Instant at, final String requestId) {
    final GooglePlayApi.Subscription s;
    try {
      s = api.subscription(purchaseToken);
    } catch (final StoreApiException e) {
      throw StoreEvents.apiFailure(e);
    }
    // A replacement (upgrade, downgrade) has a new token: its player is the replaced subscription's.
    final PurchaseIndex.Purchase purchase = index.find(appId, Store.GOOGLE_PLAY, purchaseToken)
        .or(() -> index.find(appId, Store.GOOGLE_PLAY, s.linkedPurchaseToken()))
        .orElseThrow(() -> StoreEvents.unknown(purchaseToken));
    final Instant when = at != null ? at : clock.instant();
    final List<LedgerEvent> events = new ArrayList<>(2);
    final SubscriptionStatus status = status(s.state());
    if (s.latestSuccessfulOrderId() != null && status != null) {
      events.add(renewal(appId, purchase.playerRef(), s, when, requestId));
    }
    if (status != null) {
      events.add(LedgerEvents.forSystem(appId, purchase.playerRef(),
          StoreEvents.statusKey(PREFIX, purchaseToken, status, s.expiresAt()),
          StoreEvents.updated(Store.GOOGLE_PLAY, purchaseToken, status, s.expiresAt(), s.autoRenew(),
              cancelReason(s.cancelledBy())), false, requestId, clock.instant()));
    }
    return events.isEmpty() ? new StoreNotifications.Result.Ignored("subscription state " + s.state()
        + " is not recorded") : new StoreNotifications.Result.Events(events);
  }

  private LedgerEvent renewal(final String appId, final String playerRef, final GooglePlayApi.Subscription s,
                              final Instant at, final String requestId) {
    final String orderId = s.latestSuccessfulOrderId();
    final VerifiedReceipt receipt = new VerifiedReceipt(Store.GOOGLE_PLAY, s.productId(), orderId,
        s.purchaseToken(), orderId, s.purchaseToken(), at, 1, s.price(), s.currency(),
        s.regionCode() != null && s.regionCode().matches("[A-Z]{2}") ? s.regionCode() : null,
        s.test() ? StoreEnvironment.SANDBOX : StoreEnvironment.PRODUCTION, s.expiresAt(), ProductType.SUBSCRIPTION,
        null);
    final Product product = products.productOf(appId, receipt, null);
    final Grants grants = catalog.resolve(appId, product.getGrants());
    final PurchaseVerified payload = PurchaseVerified.newBuilder().setStore(Store.GOOGLE_PLAY)
        .setProductId(product.getProductId()).setStoreProductId(s.productId())
        .setProductType(product.getProductType()).setTransactionId(orderId)
        .setOriginalTransactionId(s.purchaseToken()).setOrderId(orderId).setPurchaseToken(s.purchaseToken())
        .setPurchaseTime(at).setQuantity(1)
        .setPrice(s.price() == null ? null : s.price().setScale(6, RoundingMode.HALF_EVEN))
        .setCurrency(s.price() == null ? null : s.currency()).setCountry(receipt.country())
        .setEnvironment(receipt.environment()).setExpiresAt(s.expiresAt()).setAutoConsume(product.getAutoConsume())
        .setGrants(grants)
        .setOnConsume(catalog.onConsumeOf(appId, grants, product.getAutoConsume())).build();
    return LedgerEvents.forReceipt(appId, playerRef, Store.GOOGLE_PLAY, orderId, payload, requestId,
        clock.instant());
  }

  private PurchaseIndex.Purchase purchaseOf(final String appId, final String purchaseToken) {
    return index.find(appId, Store.GOOGLE_PLAY, purchaseToken).orElseThrow(() -> StoreEvents.unknown(purchaseToken));
  }

  /** Google's {@code subscriptionState} in the ledger's terms; null for states that grant nothing yet. */
  static SubscriptionStatus status(final String state) {
    if (state == null) {
      return null;
    }
    return switch (state) {
      case "SUBSCRIPTION_STATE_ACTIVE" -> SubscriptionStatus.ACTIVE;
      case "SUBSCRIPTION_STATE_CANCELED" -> SubscriptionStatus.CANCELLED;
      case "SUBSCRIPTION_STATE_IN_GRACE_PERIOD" -> SubscriptionStatus.IN_GRACE_PERIOD;
      case "SUBSCRIPTION_STATE_ON_HOLD" -> SubscriptionStatus.ON_HOLD;
      case "SUBSCRIPTION_STATE_PAUSED" -> SubscriptionStatus.PAUSED;
      case "SUBSCRIPTION_STATE_EXPIRED" -> SubscriptionStatus.EXPIRED;
      // PENDING, PENDING_PURCHASE_CANCELED, UNSPECIFIED: nothing paid, nothing to record.
      default -> null;
    };
  }

  private static SubscriptionCancelReason cancelReason(final String cancelledBy) {
    if (cancelledBy == null) {
      return null;
    }
    return switch (cancelledBy) {
      case "user" -> SubscriptionCancelReason.CUSTOMER;
      case "system" -> SubscriptionCancelReason.SYSTEM;
      case "developer" -> SubscriptionCancelReason.DEVELOPER;
      case "replacement" -> SubscriptionCancelReason.REPLACED;
      default -> SubscriptionCancelReason.OTHER;
    };
  }
}
