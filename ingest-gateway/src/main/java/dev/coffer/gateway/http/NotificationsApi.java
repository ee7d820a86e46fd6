package dev.coffer.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coffer.apps.App;
import dev.coffer.apps.StoreSettings;
import dev.coffer.gateway.errors.ApiProblem;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.purchases.PurchaseRequests;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.apple.AppleNotification;
import dev.coffer.gateway.receipts.google.GooglePlayNotification;
import dev.coffer.gateway.receipts.google.GooglePlayNotifications;
import dev.coffer.gateway.requests.JsonBody;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * Store server notifications. Not authenticated by API key: Apple's are signed (verified like a
 * transaction), Google's carry the app's secret token. A decided outcome, rejected or not, is answered
 * 200 (the notification was processed; a store would only retry a rejection in vain); 202 past the wait
 * bound; 503 when the outcome is unknown (the store retries the same notification, which is safe).
 */
final class NotificationsApi {
  private final Access access;
  private final StoreNotifications notifications;
  private final EventSubmitter submitter;
  private final long maxBody;

  NotificationsApi(final Access access, final StoreNotifications notifications, final EventSubmitter submitter,
                   final long maxBody) {
    this.access = access;
    this.notifications = notifications;
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
      throw new ApiProblem(422, RejectionCode.STORE_DISABLED.name(), "the App Store is not enabled for this app");
    }
    final AppleNotification notification;
    try {
      notification = stores.apple().verifyNotification(signedPayload);
    } catch (final ReceiptRejectedException e) {
      throw PurchaseRequests.rejection(e);
    }
    answer(ctx, app.appId(), notifications.apple(app.appId(), notification, Access.requestId(ctx)));
  }

  /**
   * {@code POST /v1/apps/{appId}/notifications/google?token=<secret>}: a Google Play real-time developer
   * notification pushed by Pub/Sub. The token must equal the app's {@code notificationToken} (compared in
   * constant time; 403 {@code NOTIFICATION_TOKEN_INVALID}). Voided purchases become
   * {@code PurchaseRevoked}, subscription state changes {@code SubscriptionUpdated} (revoked ones
   * {@code PurchaseRevoked}); deduplicated on the Pub/Sub {@code messageId}.
   */
  void google(final Context ctx) {
    final App app = access.app(ctx);
    final StoreSettings.SignedPurchaseStore google = app.stores().googlePlay();
    final String token = ctx.queryParam("token");
    if (google == null || google.notificationToken() == null || token == null
        || !MessageDigest.isEqual(google.notificationToken().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiProblem(ErrorCode.NOTIFICATION_TOKEN_INVALID,
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
    answer(ctx, app.appId(), notifications.google(app.appId(), notification, Access.requestId(ctx)));
  }

  private void answer(final Context ctx, final String appId, final StoreNotifications.Result result) {
    switch (result) {
      case StoreNotifications.Result.Ignored ignored -> Replies.json(ctx,
          JsonNodeFactory.instance.objectNode().put("status", "IGNORED").put("detail", ignored.why()));
      case StoreNotifications.Result.Event event -> {
        final CompletableFuture<Submission> submitted = submitter.submit(event.event());
        ctx.future(() -> submitted.handle((s, error) -> {
          if (error != null) {
            Replies.problem(ctx, Submit.failure(error));
          } else if (s instanceof Submission.Decided d) {
            ctx.status(200);
            Replies.json(ctx, Replies.outcomeNode(d.outcome()));
          } else {
            Replies.submission(ctx, appId, s);
          }
          return null;
        }));
      }
    }
  }
}
