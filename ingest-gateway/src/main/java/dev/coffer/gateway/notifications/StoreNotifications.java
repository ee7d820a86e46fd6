package dev.coffer.gateway.notifications;

import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.receipts.apple.AppleNotification;
import dev.coffer.gateway.receipts.apple.AppleServerApi;
import dev.coffer.gateway.receipts.google.GooglePlayApi;
import dev.coffer.gateway.receipts.google.GooglePlayNotification;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.service.directory.PlayerIdentity;
import java.time.Clock;
import java.util.List;

/**
 * Turns verified store notifications, and subscriptions read back from the stores' server APIs, into ledger
 * events for the player who made the purchase (found in the {@link PurchaseIndex}): the App Store in
 * {@link AppleEvents}, Google Play in {@link GooglePlayEvents} (Stripe's webhooks in {@link StripeEvents}).
 * Every event is keyed by the store's own ids (a receipt key for a transaction, a system key no caller's
 * idempotency key reaches for the rest), so a redelivery, or the same fact arriving by notification and by
 * reconciliation, is a DUPLICATE.
 */
public final class StoreNotifications {
  private final GooglePlayEvents google;
  private final AppleEvents apple;

  /** What a notification becomes. */
  public sealed interface Result {
    /**
     * A ledger event to submit.
     *
     * @param event the event
     * @param identity the player's ACTIVE identity when the notification named the player (a Stripe
     *     checkout), so the event's details are sealed under its key; null when the player is known only by
     *     ref (from the purchase index)
     */
    record Event(LedgerEvent event, PlayerIdentity identity) implements Result {
      /** An event of a player known only by ref. */
      public Event(final LedgerEvent event) {
        this(event, null);
      }
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
    this.google = new GooglePlayEvents(catalog, index, clock);
    this.apple = new AppleEvents(catalog, index, clock);
  }

  /** An App Store notification (see {@link AppleEvents}). */
  public Result apple(final String appId, final AppleNotification n, final String requestId) {
    return apple.notification(appId, n, requestId);
  }

  /**
   * Reads an App Store subscription from the App Store Server API (Get Transaction History, Get All
   * Subscription Statuses) and records what the notifications would have: on demand, after lost notifications.
   *
   * @param appId the app
   * @param api the app's App Store Server API
   * @param originalTransactionId the subscription's original transaction id
   * @param requestId the HTTP request id
   * @return the events
   */
  public Result reconcileApple(final String appId, final AppleServerApi api, final String originalTransactionId,
                               final String requestId) {
    return apple.reconcile(appId, api, originalTransactionId, requestId);
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
