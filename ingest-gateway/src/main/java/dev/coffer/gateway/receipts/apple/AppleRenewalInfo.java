package dev.coffer.gateway.receipts.apple;

import dev.coffer.schemas.ledger.StoreEnvironment;
import java.time.Instant;

/**
 * An auto-renewable subscription's renewal state, from a notification's verified {@code signedRenewalInfo}.
 *
 * @param originalTransactionId the subscription's original transaction id
 * @param productId             the product currently subscribed to
 * @param autoRenewProductId    the product that renews next; nullable
 * @param autoRenewEnabled      whether it renews automatically; null when Apple does not say
 * @param expirationIntent      Apple's raw {@code expirationIntent} (1 = cancelled by the customer, 2 = billing
 *                              error, ...); nullable
 * @param renewalDate           when it renews next; nullable
 * @param gracePeriodExpiresAt  end of the billing grace period; nullable
 * @param inBillingRetry        whether Apple is retrying a failed renewal; nullable
 * @param environment           sandbox or production
 */
public record AppleRenewalInfo(
                               String originalTransactionId,
                               String productId,
                               String autoRenewProductId,
                               Boolean autoRenewEnabled,
                               Integer expirationIntent,
                               Instant renewalDate,
                               Instant gracePeriodExpiresAt,
                               Boolean inBillingRetry,
                               StoreEnvironment environment) {
}
