package dev.coffer.client.model;

import java.time.Instant;

/**
 * One item instance as it stands (in an inventory, or after a change).
 *
 * @param instanceId derived from the event that created it (a replay yields the same id); consume names it
 * @param itemId the catalog item (the product, for a product that grants no item)
 * @param quantity units left
 * @param status ACTIVE, CONSUMED, REVOKED or EXPIRED
 * @param consumable whether it can be consumed
 * @param acquiredAt when the creating event occurred
 * @param sourceEventId the event that created it
 * @param productId the purchased product, when a purchase created it
 * @param productType that product's type
 * @param store the store of that purchase
 * @param transactionId the store transaction (the latest renewal, for subscriptions)
 * @param originalTransactionId for subscriptions: the first transaction
 * @param subscriptionStatus for subscriptions: the status the store last reported
 * @param expiresAt for subscriptions: when the current period (or grace) ends
 * @param autoRenew for subscriptions: whether the store says it renews; {@code null} if it never said
 * @param cancelReason for subscriptions: why the store says it stops renewing, or {@code null}
 */
public record Instance(String instanceId, String itemId, long quantity, InstanceStatus status, boolean consumable,
                       Instant acquiredAt, String sourceEventId, String productId, ProductType productType,
                       Store store, String transactionId, String originalTransactionId,
                       SubscriptionStatus subscriptionStatus, Instant expiresAt, Boolean autoRenew,
                       String cancelReason) {
  /** Whether the player holds it now (ACTIVE). */
  public boolean active() {
    return status == InstanceStatus.ACTIVE;
  }
}
