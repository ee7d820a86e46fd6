package dev.coffer.projections.purchases;

import dev.coffer.projections.inventory.Instance;
import java.time.Instant;
import java.util.Objects;

/**
 * One purchase of a player, with its status now.
 *
 * <p>{@code status} is, for a subscription, the status the store last reported (ACTIVE,
 * IN_GRACE_PERIOD, IN_BILLING_RETRY, CANCELLED, EXPIRED, REVOKED, PAUSED); for other products the
 * state of what was bought (ACTIVE, CONSUMED, REVOKED, EXPIRED).
 *
 * @param instanceId the instance the purchase created
 * @param productId Coffer's catalog product
 * @param productType CONSUMABLE, NON_CONSUMABLE or SUBSCRIPTION
 * @param store the store
 * @param transactionId the store transaction (the latest renewal, for subscriptions)
 * @param originalTransactionId for subscriptions: the first transaction
 * @param status the purchase's status now (see above)
 * @param quantity units remaining of what was bought
 * @param purchasedAt when the purchase was recorded
 * @param expiresAt for subscriptions: the end of the current period
 * @param sourceEventId the ledger event of the purchase
 * @param version the player's version after the last change to this purchase
 */
public record Purchase(String instanceId, String productId, String productType, String store,
                       String transactionId, String originalTransactionId, String status, long quantity,
                       Instant purchasedAt, Instant expiresAt, String sourceEventId, long version) {
  public Purchase {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The purchase as a purchased instance now stands.
   *
   * @param instance an instance a purchase created ({@link Instance#purchased()})
   * @param version the player's version after the change
   * @return the purchase
   */
  public static Purchase of(final Instance instance, final long version) {
    final String status = instance.subscriptionStatus() != null ? instance.subscriptionStatus() : instance.status();
    return new Purchase(instance.instanceId(), instance.productId(), instance.productType(), instance.store(),
        instance.transactionId(), instance.originalTransactionId(), status, instance.quantity(),
        instance.acquiredAt(), instance.expiresAt(), instance.sourceEventId(), version);
  }
}
