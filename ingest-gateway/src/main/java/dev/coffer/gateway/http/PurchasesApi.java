package dev.coffer.gateway.http;

import dev.coffer.apps.KeyRole;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.purchases.PurchaseRequest;
import dev.coffer.gateway.purchases.PurchaseRequests;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.service.directory.PlayerIdentity;
import io.javalin.http.Context;

/** {@code POST /v1/apps/{appId}/purchases}. */
final class PurchasesApi {
  private final Access access;
  private final PurchaseRequests purchases;
  private final EventSubmitter submitter;
  private final long maxBody;

  PurchasesApi(final Access access, final PurchaseRequests purchases, final EventSubmitter submitter,
               final long maxBody) {
    this.access = access;
    this.purchases = purchases;
    this.submitter = submitter;
    this.maxBody = maxBody;
  }

  /**
   * {@code POST /v1/apps/{appId}/purchases}: verifies a store receipt offline and records the purchase.
   * Server or client key; a client key must send {@code X-Player-Token} naming {@code playerId} and may
   * not send {@code grants}.
   *
   * <p>Body: {@code playerId}, {@code store} ({@code google_play}, {@code apple_app_store},
   * {@code cafe_bazaar}, {@code huawei_appgallery}, {@code test}), {@code receipt}
   * ({@code {purchaseData, signature}} for Google Play and Cafe Bazaar, {@code {signedTransaction}} for
   * Apple, {@code {inAppPurchaseData, inAppDataSignature, signatureAlgorithm?}} for Huawei AppGallery,
   * {@code {signedReceipt}} for the test store), optionally {@code productId} (a cross-check: the product is
   * the one whose store product id the receipt names, 422 {@code PRODUCT_MISMATCH} otherwise), {@code grants} and
   * {@code storeProductId} (server key: dynamic items, consumed on confirmation) and the purchase-log
   * fields {@code price}, {@code currency}, {@code country}, {@code os}, {@code market},
   * {@code playerLevel}, {@code grade}.
   *
   * <p>Answers the ledger's outcome: 200 APPLIED or DUPLICATE, 409 {@code RECEIPT_ALREADY_USED} (the
   * receipt was recorded for another player), 422 with a receipt rejection code ({@code BAD_SIGNATURE},
   * {@code WRONG_PACKAGE}, {@code WRONG_BUNDLE_ID}, {@code UNTRUSTED_CHAIN}, {@code TRANSACTION_REVOKED},
   * {@code TRANSACTION_EXPIRED}, {@code RECEIPT_NOT_FOR_PLAYER} and {@code RECEIPT_NOT_BOUND} where the app
   * binds receipts to their buyer, ...), 422 {@code UNKNOWN_PRODUCT}, {@code PRODUCT_MISMATCH},
   * {@code PRODUCT_TYPE_MISMATCH} or {@code AMBIGUOUS_STORE_PRODUCT}, or 202 past the wait bound; 503
   * {@code DIRECTORY_UNAVAILABLE} when the player directory does not answer in time (nothing recorded). The
   * dedupe key is {@code appId|receipt|<store>|<store ref of the transactionId>}.
   */
  void purchase(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.CLIENT);
    final PurchaseRequest request = PurchaseRequest.parse(Bodies.json(ctx, maxBody));
    if (request.grants() != null && !caller.server()) {
      throw new ProblemException(ErrorCode.KEY_NOT_ALLOWED, "only a server key may name grants in a purchase");
    }
    final PlayerRequests.PlayerEvent event = purchases.toEvent(caller.appId(), caller.stores(), request,
        caller.requestId());
    final PlayerIdentity player = access.player(ctx, caller, "playerId", request.playerId());
    Submit.reply(ctx, caller.appId(), submitter.submit(caller.app(), player, event.of(player.playerRef())));
  }
}
