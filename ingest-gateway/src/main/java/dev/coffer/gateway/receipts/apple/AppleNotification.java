package dev.coffer.gateway.receipts.apple;

import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified App Store Server Notification v2. The gateway turns {@code REFUND} and {@code REVOKE} into
 * revocations; everything else it may log or ignore.
 *
 * @param notificationType Apple's raw {@code notificationType} (e.g. {@code REFUND}, {@code REVOKE},
 *                         {@code DID_RENEW}, {@code EXPIRED}, {@code TEST}); raw so that new types pass through
 * @param subtype          Apple's raw {@code subtype}; nullable
 * @param notificationUUID unique per notification: the dedupe key (Apple retries deliveries)
 * @param environment      sandbox or production (checked against the settings)
 * @param bundleId         the app's bundle id (checked against the settings)
 * @param signedDate       when Apple signed it
 * @param transaction      the verified {@code signedTransactionInfo}, including its revocation; nullable
 * @param renewalInfo      the verified {@code signedRenewalInfo}; nullable
 */
public record AppleNotification(
                                String notificationType,
                                String subtype,
                                String notificationUUID,
                                StoreEnvironment environment,
                                String bundleId,
                                Instant signedDate,
                                VerifiedReceipt transaction,
                                AppleRenewalInfo renewalInfo) {

  /** Requires the fields every notification has. */
  public AppleNotification {
    Objects.requireNonNull(notificationType, "notificationType");
    Objects.requireNonNull(notificationUUID, "notificationUUID");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(bundleId, "bundleId");
    Objects.requireNonNull(signedDate, "signedDate");
  }
}
