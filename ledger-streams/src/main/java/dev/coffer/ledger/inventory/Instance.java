package dev.coffer.ledger.inventory;

import java.util.Objects;

/**
 * One item instance in a player's inventory.
 *
 * @param instanceId derived from the creating eventId (see {@link InstanceIds})
 * @param itemId the catalog item id, or the product id for a product held as such
 * @param quantity units remaining
 * @param status active, consumed, revoked or expired
 * @param consumable whether it can be consumed
 * @param acquiredAt when the creating event occurred (epoch millis)
 * @param sourceEventId the eventId that created it
 * @param productId the purchased product, or {@code null} if a grant created it
 * @param productKind the purchased product's kind, or {@code null}
 * @param store the store of the purchase it comes from, or {@code null}: set on the instances a purchase
 *     created and on those that consuming them granted, so a refund of that purchase finds them all
 * @param transactionId the purchase it comes from (the latest renewal, for subscriptions), or {@code null}
 * @param originalTransactionId for subscriptions: the first transaction, shared by renewals
 * @param subscriptionState for subscriptions: the status now, otherwise {@code null}
 * @param expiresAt for subscriptions: the end of the current period (or of the grace period, while in
 *     grace), or {@code null}
 * @param autoRenew for subscriptions: whether the store says it will renew, or {@code null} if it never said
 * @param cancelReason for subscriptions: why the store says it stops renewing, or {@code null}
 */
public record Instance(String instanceId, String itemId, long quantity, InstanceStatus status,
                       boolean consumable, long acquiredAt, String sourceEventId, String productId,
                       ProductKind productKind, String store, String transactionId,
                       String originalTransactionId, SubscriptionState subscriptionState, Long expiresAt,
                       Boolean autoRenew, String cancelReason) {
  public Instance {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sourceEventId, "sourceEventId");
  }

  /** Whether it is held and usable: only active instances stay in the player's state. */
  public boolean active() {
    return status == InstanceStatus.ACTIVE;
  }

  /** Whether it comes from a store purchase (bought, or granted by consuming something bought). */
  public boolean fromPurchase() {
    return store != null && transactionId != null;
  }

  /**
   * Whether it is something the player owns for good and cannot hold twice: an active (not revoked)
   * non-consumable product, or an active permanent item, granted or bought. Subscriptions are not:
   * they are renewed, never owned twice by item.
   */
  public boolean ownedNonConsumable() {
    return active() && (productKind == ProductKind.NON_CONSUMABLE
        || (!consumable && productKind != ProductKind.SUBSCRIPTION));
  }

  Instance withQuantity(final long newQuantity, final InstanceStatus newStatus) {
    return new Instance(instanceId, itemId, newQuantity, newStatus, consumable, acquiredAt, sourceEventId,
        productId, productKind, store, transactionId, originalTransactionId, subscriptionState, expiresAt,
        autoRenew, cancelReason);
  }

  Instance withSubscription(final InstanceStatus newStatus, final String newTransactionId,
                            final SubscriptionState state, final Long newExpiresAt) {
    return new Instance(instanceId, itemId, quantity, newStatus, consumable, acquiredAt, sourceEventId,
        productId, productKind, store, newTransactionId, originalTransactionId, state, newExpiresAt, autoRenew,
        cancelReason);
  }

  Instance withRenewal(final Boolean newAutoRenew, final String newCancelReason) {
    return new Instance(instanceId, itemId, quantity, status, consumable, acquiredAt, sourceEventId, productId,
        productKind, store, transactionId, originalTransactionId, subscriptionState, expiresAt, newAutoRenew,
        newCancelReason);
  }
}
