package dev.coffer.gateway.receipts.google;

import java.time.Instant;
import java.util.Objects;

/**
 * A Google Play real-time developer notification, unwrapped from its Pub/Sub push envelope. It is not signed:
 * treat it as a claim about a purchase Coffer already holds, never as proof of a new one.
 *
 * @param messageId    Pub/Sub's message id (unique per message; the dedupe key of a notification)
 * @param publishTime  when Pub/Sub published it; nullable
 * @param subscription the Pub/Sub subscription that pushed it; nullable
 * @param version      the notification's {@code version}; nullable
 * @param packageName  the app's package name
 * @param eventTime    when the event happened ({@code eventTimeMillis})
 * @param event        which of the notification kinds it carries
 */
public record GooglePlayNotification(
                                     String messageId,
                                     Instant publishTime,
                                     String subscription,
                                     String version,
                                     String packageName,
                                     Instant eventTime,
                                     Event event) {

  /** Requires the fields every notification has. */
  public GooglePlayNotification {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(event, "event");
  }

  /** The notification's content: exactly one of Google's notification kinds. */
  public sealed interface Event permits OneTimeProduct, Subscription, VoidedPurchase, Test {
  }

  /**
   * {@code oneTimeProductNotification}.
   *
   * @param notificationType 1 = purchased, 2 = cancelled (Google's {@code OneTimeProductNotificationType})
   * @param purchaseToken    the purchase's token
   * @param sku              the store product id
   */
  public record OneTimeProduct(int notificationType, String purchaseToken, String sku) implements Event {
  }

  /**
   * {@code subscriptionNotification}.
   *
   * @param notificationType Google's {@code SubscriptionNotificationType} (e.g. 2 = renewed, 3 = cancelled,
   *                         12 = revoked, 13 = expired)
   * @param purchaseToken    the subscription's token
   * @param subscriptionId   the store product id; nullable (Google is phasing it out)
   */
  public record Subscription(int notificationType, String purchaseToken, String subscriptionId) implements Event {
  }

  /**
   * {@code voidedPurchaseNotification}: a refund, chargeback or revocation.
   *
   * @param purchaseToken the voided purchase's token
   * @param orderId       the voided order's id
   * @param productType   1 = subscription, 2 = one-time product
   * @param refundType    1 = full refund, 2 = quantity-based partial refund; 0 when absent
   */
  public record VoidedPurchase(String purchaseToken, String orderId, int productType, int refundType)
      implements
        Event {

    /** @return whether the voided purchase was a subscription */
    public boolean subscription() {
      return productType == 1;
    }
  }

  /** {@code testNotification}, sent from the Play Console to check the endpoint. */
  public record Test() implements Event {
  }
}
