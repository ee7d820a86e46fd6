package dev.coffer.client.model;

import java.time.Instant;

/**
 * A subscription as of the answer: an entitling status past {@code expiresAt} reads EXPIRED.
 *
 * @param store the store
 * @param originalTransactionId the first transaction its renewals share
 * @param transactionId the latest paid transaction
 * @param productId Coffer's catalog product
 * @param instanceId the inventory instance it is held as
 * @param status its status now (CANCELLED: auto-renew off, entitled until {@code expiresAt})
 * @param entitled whether it gives access now
 * @param expiresAt the end of the paid period (of the grace period while in grace)
 * @param autoRenew whether it renews, if the store said
 * @param cancelReason why it stops renewing, if the store said
 * @param since when it was first bought
 */
public record Subscription(Store store, String originalTransactionId, String transactionId, String productId,
                           String instanceId, SubscriptionStatus status, boolean entitled, Instant expiresAt,
                           Boolean autoRenew, String cancelReason, Instant since) {
}
