package dev.coffer.gateway.notifications;

import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.receipts.StoreApiException;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionCancelReason;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import dev.coffer.service.problem.ProblemException;
import java.time.Instant;

/**
 * The payloads and system keys store notifications and store reconciliation share, so that the same store fact
 * arriving by either way is the same ledger event (a DUPLICATE the second time).
 */
final class StoreEvents {
  private StoreEvents() {
  }

  /** A revocation; {@code quantity} null takes back the whole transaction. */
  static PurchaseRevoked revoked(final Store store, final String transactionId, final RevocationReason reason,
                                 final Instant at, final Long quantity) {
    return PurchaseRevoked.newBuilder().setStore(store).setTransactionId(transactionId).setReason(reason)
        .setRevokedAt(at).setQuantity(quantity).build();
  }

  /** A subscription's status as the store reports it. */
  static SubscriptionUpdated updated(final Store store, final String originalTransactionId,
                                     final SubscriptionStatus status, final Instant expiresAt,
                                     final Boolean autoRenew, final SubscriptionCancelReason cancelReason) {
    return SubscriptionUpdated.newBuilder().setStore(store).setOriginalTransactionId(originalTransactionId)
        .setStatus(status).setExpiresAt(expiresAt).setAutoRenew(autoRenew).setCancelReason(cancelReason).build();
  }

  /**
   * The system key of a subscription status: {@code <prefix>:sub:<original>:<STATUS>:<expiry millis or ->}. A
   * status the store repeats (a notification and a reconciliation, or a redelivery) is one event.
   */
  static String statusKey(final String prefix, final String originalTransactionId, final SubscriptionStatus status,
                          final Instant expiresAt) {
    return prefix + ":sub:" + originalTransactionId + ":" + status.name() + ":"
        + (expiresAt == null ? "-" : Long.toString(expiresAt.toEpochMilli()));
  }

  /** A notification about a purchase Coffer has not recorded (yet). */
  static ProblemException unknown(final String id) {
    return new ProblemException(ErrorCode.UNKNOWN_PURCHASE, "no recorded purchase has transaction " + id
        + " (the store may retry; it is found once the purchase is recorded)");
  }

  /** A store API failure as the answer: 503 when a retry may help, 502 when the store refused. */
  static ProblemException apiFailure(final StoreApiException e) {
    final ErrorCode code = e.kind() == StoreApiException.Kind.UNAVAILABLE
        ? ErrorCode.STORE_API_UNAVAILABLE : ErrorCode.STORE_API_REFUSED;
    return new ProblemException(code.status(), code.name(), e.getMessage(), e);
  }
}
