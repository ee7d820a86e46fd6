package dev.coffer.gateway.http;

import dev.coffer.apps.App;
import dev.coffer.apps.StoreSettings;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.gateway.notifications.StripeEvents;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.purchases.PurchaseRequests;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.apple.AppleNotification;
import dev.coffer.gateway.receipts.google.GooglePlayNotification;
import dev.coffer.gateway.receipts.google.GooglePlayNotifications;
import dev.coffer.gateway.receipts.stripe.StripeEvent;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.service.http.ServiceHttp;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Store server notifications. Not authenticated by API key: Apple's are signed (verified like a
 * transaction), Google's carry the app's secret token. A decided outcome, rejected or not, is answered
 * 200 (the notification was processed; a store would only retry a rejection in vain); 202 past the wait
 * bound; 503 when the outcome is unknown (the store retries the same notification, which is safe).
 */
final class NotificationsApi {
  private final Access access;
  private final StoreNotifications notifications;
  private final StripeEvents stripe;
  private final EventSubmitter submitter;
  private final long maxBody;

  NotificationsApi(final Access access, final StoreNotifications notifications, final StripeEvents stripe,
                   final EventSubmitter submitter, final long maxBody) {
    this.access = access;
    this.notifications = notifications;
    this.stripe = stripe;
    this.submitter = submitter;
    this.maxBody = maxBody;
  }

  /**
   * {@code POST /v1/apps/{appId}/notifications/apple}: an App Store Server Notification v2,
   * {@code {"signedPayload": "<JWS>"}}, verified against the app's trusted roots, bundle id and
   * environment (422 {@code UNTRUSTED_CHAIN}, {@code WRONG_BUNDLE_ID}, {@code BAD_SIGNATURE}, ...).
   * REFUND and REVOKE become {@code PurchaseRevoked}, DID_RENEW a renewal {@code PurchaseVerified},
   * expiries and renewal-status changes {@code SubscriptionUpdated}; deduplicated on
   * {@code notificationUUID}. 422 {@code UNKNOWN_PURCHASE} for a transaction Coffer never recorded.
   */
  void apple(final Context ctx) {
    final App app = access.app(ctx);
    access.limitApp(app.appId());
    final JsonBody body = Bodies.json(ctx, maxBody).only("signedPayload");
    final String signedPayload = body.text("signedPayload", 100_000);
    final AppStores stores = access.stores(app);
    if (stores.apple() == null) {
      throw new ProblemException(422, RejectionCode.STORE_DISABLED.name(), "the App Store is not enabled for this app");
    }
    final AppleNotification notification;
    try {
      notification = stores.apple().verifyNotification(signedPayload);
    } catch (final ReceiptRejectedException e) {
      throw PurchaseRequests.rejection(e);
    }
    answer(ctx, app, notifications.apple(app.appId(), notification, ServiceHttp.requestId(ctx)));
  }

  /**
   * {@code POST /v1/apps/{appId}/notifications/google?token=<secret>}: a Google Play real-time developer
   * notification pushed by Pub/Sub. The token must equal the app's {@code notificationToken} (compared in
   * constant time; 403 {@code NOTIFICATION_TOKEN_INVALID}). Voided purchases become
   * {@code PurchaseRevoked} (a quantity-based partial refund only its units, read from the Play Developer
   * API: 422 {@code STORE_API_NOT_CONFIGURED} without it, 503 {@code STORE_API_UNAVAILABLE} while the voided
   * purchases list does not show it), subscription notifications, with the API configured, the
   * subscription's latest paid order and status read from {@code purchases.subscriptionsv2.get} (answered
   * {@code {"status": "PROCESSED", "events": [...]}}), without it the status the type implies (revoked ones
   * {@code PurchaseRevoked}). Deduplicated on the store's ids (see {@code GooglePlayEvents}).
   */
  void google(final Context ctx) {
    final App app = access.app(ctx);
    final StoreSettings.SignedPurchaseStore google = app.stores().googlePlay();
    final String token = ctx.queryParam("token");
    if (google == null || google.notificationToken() == null || token == null
        || !MessageDigest.isEqual(google.notificationToken().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(ErrorCode.NOTIFICATION_TOKEN_INVALID,
          "the push must carry the app's Google notification token as ?token=");
    }
    access.limitApp(app.appId());
    final String body = new String(Bodies.bytes(ctx, maxBody), StandardCharsets.UTF_8);
    final GooglePlayNotification notification;
    try {
      notification = GooglePlayNotifications.parsePush(body, google.packageName());
    } catch (final ReceiptRejectedException e) {
      throw PurchaseRequests.rejection(e);
    }
    answer(ctx, app, notifications.google(app.appId(), notification, access.stores(app).googlePlayApi(),
        ServiceHttp.requestId(ctx)));
  }

  /**
   * {@code POST /v1/apps/{appId}/notifications/stripe}: a Stripe webhook delivery (web purchases). The raw body
   * is verified against the {@code Stripe-Signature} header under the app's endpoint secret with Stripe's own
   * {@code Webhook.constructEvent} (422 {@code BAD_SIGNATURE}; 422 {@code STALE_SIGNATURE} past the tolerance;
   * 400 {@code MALFORMED_NOTIFICATION}; 422 {@code STORE_DISABLED} without settings).
   * {@code checkout.session.completed}, {@code checkout.session.async_payment_succeeded} and
   * {@code payment_intent.succeeded} become purchases keyed by the payment intent (see {@link StripeEvents});
   * {@code charge.refunded} and {@code charge.dispute.created} revocations deduplicated on the event id.
   */
  void stripe(final Context ctx) {
    final App app = access.app(ctx);
    access.limitApp(app.appId());
    final AppStores stores = access.stores(app);
    if (stores.stripe() == null) {
      throw new ProblemException(422, RejectionCode.STORE_DISABLED.name(), "Stripe is not enabled for this app");
    }
    // Verified over the raw bytes exactly as received: never parsed and re-serialised first.
    final String payload = new String(Bodies.bytes(ctx, maxBody), StandardCharsets.UTF_8);
    final StripeEvent event;
    try {
      event = stores.stripe().verify(payload, ctx.header("Stripe-Signature"));
    } catch (final ReceiptRejectedException e) {
      throw PurchaseRequests.rejection(e);
    }
    answer(ctx, app, stripe.toEvent(app, event, ServiceHttp.requestId(ctx)));
  }

  private void answer(final Context ctx, final App app, final StoreNotifications.Result result) {
    NotificationReplies.answer(ctx, app, result, submitter);
  }
}
