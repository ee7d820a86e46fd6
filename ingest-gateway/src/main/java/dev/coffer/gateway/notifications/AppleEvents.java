package dev.coffer.gateway.notifications;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.purchases.ReceiptProducts;
import dev.coffer.gateway.receipts.StoreApiException;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.apple.AppleNotification;
import dev.coffer.gateway.receipts.apple.AppleRenewalInfo;
import dev.coffer.gateway.receipts.apple.AppleServerApi;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionCancelReason;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * App Store Server Notifications v2, and the App Store Server API's answers, as ledger events. A notification
 * and a reconciliation of the same fact make the same event, keyed by Apple's ids, so the second is a
 * DUPLICATE:
 *
 * <ul>
 *   <li>a transaction ({@code DID_RENEW}; every transaction of the history): {@code PurchaseVerified} keyed by
 *       its receipt {@code apple_app_store|<transactionId>} (the first is the purchase Coffer recorded);
 *   <li>a revoked transaction ({@code REFUND}, {@code REVOKE}; a history transaction with
 *       {@code revocationDate}): {@code PurchaseRevoked}, system key
 *       {@code apple:revoked:<transactionId>:<revocationDate>};
 *   <li>a status ({@code EXPIRED}, {@code DID_CHANGE_RENEWAL_STATUS}, {@code DID_FAIL_TO_RENEW},
 *       {@code GRACE_PERIOD_EXPIRED}; Get All Subscription Statuses): {@code SubscriptionUpdated} with expiry
 *       (the grace period's end while in grace), auto-renew and cancel reason, system key
 *       {@code apple:sub:<originalTransactionId>:<STATUS>:<expiry>};
 *   <li>{@code REFUND_REVERSED}: {@code PurchaseReinstated}, system key {@code apple:<notificationUUID>} (the
 *       history cannot show a reversal: reconciliation never reinstates).
 * </ul>
 */
final class AppleEvents {
  private static final String PREFIX = "apple";

  private final CatalogView catalog;
  private final ReceiptProducts products;
  private final PurchaseIndex index;
  private final Clock clock;

  AppleEvents(final CatalogView catalog, final PurchaseIndex index, final Clock clock) {
    this.catalog = catalog;
    this.products = new ReceiptProducts(catalog);
    this.index = index;
    this.clock = clock;
  }

  StoreNotifications.Result notification(final String appId, final AppleNotification n, final String requestId) {
    final VerifiedReceipt tx = n.transaction();
    if (tx == null) {
      return new StoreNotifications.Result.Ignored(n.notificationType() + " carries no transaction");
    }
    final String type = n.notificationType();
    if (!handled(type)) {
      return new StoreNotifications.Result.Ignored(type + " is not recorded");
    }
    final String player = purchaseOf(appId, tx).playerRef();
    final String original = tx.originalTransactionId() != null ? tx.originalTransactionId() : tx.transactionId();
    final AppleRenewalInfo renewal = n.renewalInfo();
    final LedgerEvent event = switch (type) {
      case "DID_RENEW" -> renewal(appId, player, tx, requestId);
      case "REFUND" -> revocation(appId, player, tx, RevocationReason.REFUND, n.signedDate(), requestId);
      case "REVOKE" -> revocation(appId, player, tx, RevocationReason.REVOKED, n.signedDate(), requestId);
      case "REFUND_REVERSED" -> LedgerEvents.forSystem(appId, player, PREFIX + ":" + n.notificationUUID(),
          PurchaseReinstated.newBuilder().setStore(Store.APPLE_APP_STORE).setTransactionId(tx.transactionId())
              .setReinstatedAt(n.signedDate()).build(), false, requestId, clock.instant());
      case "EXPIRED" -> status(appId, player, original, SubscriptionStatus.EXPIRED, tx.expiresAt(), false,
          expiredBecause(n.subtype()), requestId);
      case "DID_CHANGE_RENEWAL_STATUS" -> "AUTO_RENEW_DISABLED".equals(n.subtype())
          ? status(appId, player, original, SubscriptionStatus.CANCELLED, tx.expiresAt(), false,
              SubscriptionCancelReason.CUSTOMER, requestId)
          : status(appId, player, original, SubscriptionStatus.ACTIVE, tx.expiresAt(), true, null, requestId);
      case "DID_FAIL_TO_RENEW" -> "GRACE_PERIOD".equals(n.subtype())
          ? status(appId, player, original, SubscriptionStatus.IN_GRACE_PERIOD, graceEnd(tx, renewal),
              autoRenew(renewal), null, requestId)
          : status(appId, player, original, SubscriptionStatus.IN_BILLING_RETRY, tx.expiresAt(), autoRenew(renewal),
              null, requestId);
      case "GRACE_PERIOD_EXPIRED" -> status(appId, player, original, SubscriptionStatus.IN_BILLING_RETRY,
          tx.expiresAt(), autoRenew(renewal), null, requestId);
      default -> throw new IllegalStateException("unhandled " + type);
    };
    return new StoreNotifications.Result.Event(event);
  }

  private static boolean handled(final String type) {
    return switch (type) {
      case "DID_RENEW", "REFUND", "REVOKE", "REFUND_REVERSED", "EXPIRED", "DID_CHANGE_RENEWAL_STATUS",
          "DID_FAIL_TO_RENEW", "GRACE_PERIOD_EXPIRED" -> true;
      default -> false;
    };
  }

  /**
   * One subscription read back from the App Store Server API: every transaction of its history (renewals the
   * ledger missed, and their revocations), then its status.
   */
  StoreNotifications.Result reconcile(final String appId, final AppleServerApi api, final String original,
                                      final String requestId) {
    final String player = index.find(appId, Store.APPLE_APP_STORE, original)
        .orElseThrow(() -> StoreEvents.unknown(original)).playerRef();
    final List<VerifiedReceipt> history;
    final Optional<AppleServerApi.Status> status;
    try {
      history = api.history(original);
      status = api.status(original);
    } catch (final StoreApiException e) {
      throw StoreEvents.apiFailure(e);
    }
    final List<LedgerEvent> events = new ArrayList<>();
    for (final VerifiedReceipt tx : history) {
      events.add(renewal(appId, player, tx, requestId));
      if (tx.revocation() != null) {
        events.add(revocation(appId, player, tx, RevocationReason.REFUND, tx.revocation().revokedAt(), requestId));
      }
    }
    status.ifPresent(s -> {
      final SubscriptionStatus st = switch (s.status()) {
        case 1 -> Boolean.FALSE.equals(autoRenew(s.renewal())) ? SubscriptionStatus.CANCELLED
            : SubscriptionStatus.ACTIVE;
        case 2 -> SubscriptionStatus.EXPIRED;
        case 3 -> SubscriptionStatus.IN_BILLING_RETRY;
        case 4 -> SubscriptionStatus.IN_GRACE_PERIOD;
        case 5 -> SubscriptionStatus.REVOKED;
        default -> null;
      };
      if (st != null) {
        final Instant expiresAt = st == SubscriptionStatus.IN_GRACE_PERIOD ? graceEnd(s.transaction(), s.renewal())
            : s.transaction().expiresAt();
        final SubscriptionCancelReason reason = st == SubscriptionStatus.EXPIRED ? intent(s.renewal())
            : st == SubscriptionStatus.CANCELLED ? SubscriptionCancelReason.CUSTOMER : null;
        events.add(status(appId, player, original, st, expiresAt, autoRenew(s.renewal()), reason, requestId));
      }
    });
    return events.isEmpty() ? new StoreNotifications.Result.Ignored("the App Store reports nothing for "
        + original) : new StoreNotifications.Result.Events(events);
  }

  private LedgerEvent renewal(final String appId, final String player, final VerifiedReceipt tx,
                              final String requestId) {
    // The transaction's own SKU decides (an upgrade renews into another product), never a guess among products.
    final Product product = products.productOf(appId, tx, null);
    final Grants grants = catalog.resolve(appId, product.getGrants());
    final PurchaseVerified payload = PurchaseVerified.newBuilder().setStore(Store.APPLE_APP_STORE)
        .setProductId(product.getProductId()).setStoreProductId(tx.storeProductId())
        .setProductType(product.getProductType()).setTransactionId(tx.transactionId())
        .setOriginalTransactionId(tx.originalTransactionId()).setOrderId(tx.orderId())
        .setPurchaseTime(tx.purchaseTime()).setQuantity(tx.quantity())
        .setPrice(tx.price() == null ? null : tx.price().setScale(6, RoundingMode.HALF_EVEN))
        .setCurrency(tx.price() == null ? null : tx.currency()).setCountry(tx.country())
        .setEnvironment(tx.environment()).setExpiresAt(tx.expiresAt()).setAutoConsume(product.getAutoConsume())
        .setGrants(grants)
        .setOnConsume(catalog.onConsumeOf(appId, grants, product.getAutoConsume())).build();
    return LedgerEvents.forReceipt(appId, player, Store.APPLE_APP_STORE, tx.transactionId(), payload, requestId,
        clock.instant());
  }

  private LedgerEvent revocation(final String appId, final String player, final VerifiedReceipt tx,
                                 final RevocationReason reason, final Instant fallback, final String requestId) {
    final Instant at = tx.revocation() != null ? tx.revocation().revokedAt() : fallback;
    return LedgerEvents.forSystem(appId, player, PREFIX + ":revoked:" + tx.transactionId() + ":" + at.toEpochMilli(),
        StoreEvents.revoked(Store.APPLE_APP_STORE, tx.transactionId(), reason, at, null), false, requestId,
        clock.instant());
  }

  private LedgerEvent status(final String appId, final String player, final String original,
                             final SubscriptionStatus status, final Instant expiresAt, final Boolean autoRenew,
                             final SubscriptionCancelReason reason, final String requestId) {
    return LedgerEvents.forSystem(appId, player, StoreEvents.statusKey(PREFIX, original, status, expiresAt),
        StoreEvents.updated(Store.APPLE_APP_STORE, original, status, expiresAt, autoRenew, reason), false, requestId,
        clock.instant());
  }

  private PurchaseIndex.Purchase purchaseOf(final String appId, final VerifiedReceipt tx) {
    return index.find(appId, Store.APPLE_APP_STORE, tx.transactionId())
        .or(() -> index.find(appId, Store.APPLE_APP_STORE, tx.originalTransactionId()))
        .orElseThrow(() -> StoreEvents.unknown(tx.transactionId()));
  }

  private static Boolean autoRenew(final AppleRenewalInfo renewal) {
    return renewal == null ? null : renewal.autoRenewEnabled();
  }

  /** While in grace the entitlement runs to the grace period's end. */
  private static Instant graceEnd(final VerifiedReceipt tx, final AppleRenewalInfo renewal) {
    return renewal != null && renewal.gracePeriodExpiresAt() != null ? renewal.gracePeriodExpiresAt()
        : tx.expiresAt();
  }

  /** An {@code EXPIRED} notification's subtype as a cancel reason. */
  private static SubscriptionCancelReason expiredBecause(final String subtype) {
    if (subtype == null) {
      return null;
    }
    return switch (subtype) {
      case "VOLUNTARY" -> SubscriptionCancelReason.CUSTOMER;
      case "BILLING_RETRY" -> SubscriptionCancelReason.BILLING_ERROR;
      case "PRICE_INCREASE" -> SubscriptionCancelReason.PRICE_INCREASE;
      case "PRODUCT_NOT_FOR_SALE" -> SubscriptionCancelReason.PRODUCT_UNAVAILABLE;
      default -> SubscriptionCancelReason.OTHER;
    };
  }

  /** Apple's {@code expirationIntent} as a cancel reason. */
  private static SubscriptionCancelReason intent(final AppleRenewalInfo renewal) {
    if (renewal == null || renewal.expirationIntent() == null) {
      return null;
    }
    return switch (renewal.expirationIntent()) {
      case 1 -> SubscriptionCancelReason.CUSTOMER;
      case 2 -> SubscriptionCancelReason.BILLING_ERROR;
      case 3 -> SubscriptionCancelReason.PRICE_INCREASE;
      case 4 -> SubscriptionCancelReason.PRODUCT_UNAVAILABLE;
      default -> SubscriptionCancelReason.OTHER;
    };
  }
}
