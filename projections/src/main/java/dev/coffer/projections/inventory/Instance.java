package dev.coffer.projections.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * One item instance as the ledger last reported it.
 *
 * @param instanceId derived by the ledger from the event that created it
 * @param itemId the catalog item (or product, for purchased products)
 * @param quantity units remaining
 * @param status ACTIVE, CONSUMED, REVOKED or EXPIRED
 * @param consumable whether it can be consumed
 * @param acquiredAt when the creating event occurred
 * @param sourceEventId the event that created it
 * @param productId the purchased product, when a purchase created it
 * @param productType CONSUMABLE, NON_CONSUMABLE or SUBSCRIPTION, when a purchase created it
 * @param store the store of that purchase
 * @param transactionId the store transaction (the latest renewal, for subscriptions)
 * @param originalTransactionId for subscriptions: the first transaction
 * @param subscriptionStatus for subscriptions: the status the store last reported
 * @param expiresAt for subscriptions: the end of the current period (of the grace period, while in grace)
 * @param autoRenew for subscriptions: whether the store says it renews, if it said
 * @param cancelReason for subscriptions: why the store says it stops renewing, if it said
 */
public record Instance(String instanceId, String itemId, long quantity, String status, boolean consumable,
                       Instant acquiredAt, String sourceEventId, String productId, String productType,
                       String store, String transactionId, String originalTransactionId,
                       String subscriptionStatus, Instant expiresAt, Boolean autoRenew, String cancelReason) {
  /** The status of an instance the player holds. */
  public static final String ACTIVE = "ACTIVE";

  public Instance {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(status, "status");
  }

  /** Whether the player holds it now. */
  public boolean held() {
    return ACTIVE.equals(status);
  }

  /** Whether a purchase created it. */
  public boolean purchased() {
    return productId != null;
  }

  /** Whether it is a subscription. */
  public boolean subscription() {
    return "SUBSCRIPTION".equals(productType) && originalTransactionId != null && store != null;
  }
}
