package dev.coffer.gateway.http;

import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;

/** {@code POST /v1/apps/{appId}/subscriptions/reconcile}: a subscription read back from its store's server API. */
final class ReconcileApi {
  private final Access access;
  private final StoreNotifications notifications;
  private final EventSubmitter submitter;
  private final long maxBody;

  ReconcileApi(final Access access, final StoreNotifications notifications, final EventSubmitter submitter,
               final long maxBody) {
    this.access = access;
    this.notifications = notifications;
    this.submitter = submitter;
    this.maxBody = maxBody;
  }

  /**
   * {@code POST /v1/apps/{appId}/subscriptions/reconcile} (server key): recovery after lost notifications. Reads
   * one subscription from its store's server API and records what the notifications would have: Google Play
   * ({@code {"store": "google_play", "purchaseToken"}}) through {@code purchases.subscriptionsv2.get}, the App
   * Store ({@code {"store": "apple_app_store", "originalTransactionId"}}) through Get Transaction History and
   * Get All Subscription Statuses. Every event is keyed by the store's own ids, so a reconciliation repeats
   * nothing a notification (or an earlier reconciliation) recorded. Answers
   * {@code {"status": "PROCESSED", "events": [...]}} (or {@code IGNORED}); 422 {@code UNKNOWN_PURCHASE} for a
   * subscription Coffer never recorded, 422 {@code STORE_API_NOT_CONFIGURED}, 502 {@code STORE_API_REFUSED},
   * 503 {@code STORE_API_UNAVAILABLE}.
   */
  void reconcile(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final JsonBody body = Bodies.json(ctx, maxBody).only("store", "purchaseToken", "originalTransactionId");
    final String store = body.text("store", 20);
    final AppStores stores = caller.stores();
    final StoreNotifications.Result result = switch (store) {
      case "google_play" -> {
        final String token = body.text("purchaseToken", 1_000);
        if (stores.googlePlayApi() == null) {
          throw notConfigured("the Google Play Developer API");
        }
        yield notifications.reconcileGoogle(caller.appId(), stores.googlePlayApi(), token, caller.requestId());
      }
      case "apple_app_store" -> {
        final String original = body.text("originalTransactionId", 100);
        if (stores.appleApi() == null) {
          throw notConfigured("the App Store Server API");
        }
        yield notifications.reconcileApple(caller.appId(), stores.appleApi(), original, caller.requestId());
      }
      default -> throw JsonBody.invalid("store", "must be google_play or apple_app_store");
    };
    NotificationReplies.answer(ctx, caller.app(), result, submitter);
  }

  private static ProblemException notConfigured(final String what) {
    return new ProblemException(ErrorCode.STORE_API_NOT_CONFIGURED, what + " is not configured for this app");
  }
}
