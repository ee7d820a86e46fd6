package dev.coffer.projections.purchases;

import dev.coffer.projections.inventory.Instance;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One subscription of a player (its renewals share the original transaction), as the ledger last
 * reported it. Entitlement and the status a reader sees are judged when it is read, against the
 * clock: a subscription past its {@code expiresAt} reads EXPIRED even if no expiry notification ever
 * arrived (Google sends none; a lost Apple one must not leave it active forever).
 *
 * @param store the store
 * @param originalTransactionId the first transaction (Google: the purchase token)
 * @param transactionId the latest paid transaction (the last renewal)
 * @param productId Coffer's catalog product
 * @param instanceId the inventory instance the subscription is held as
 * @param reportedStatus the status the store last reported (ACTIVE, CANCELLED, IN_GRACE_PERIOD,
 *     IN_BILLING_RETRY, ON_HOLD, PAUSED, EXPIRED, REVOKED)
 * @param expiresAt the end of the paid period, or of the grace period while in grace
 * @param autoRenew whether it will renew, if the store said
 * @param cancelReason why it stops renewing, if the store said
 * @param since when the subscription was first bought
 * @param version the player's version after the last change to it
 */
public record Subscription(String store, String originalTransactionId, String transactionId, String productId,
                           String instanceId, String reportedStatus, Instant expiresAt, Boolean autoRenew,
                           String cancelReason, Instant since, long version) {
  /** The statuses that give access until {@code expiresAt}. */
  private static final Set<String> ENTITLING = Set.of("ACTIVE", "CANCELLED", "IN_GRACE_PERIOD");

  public Subscription {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(originalTransactionId, "originalTransactionId");
    Objects.requireNonNull(reportedStatus, "reportedStatus");
  }

  /** The row id of a subscription in the player's subscriptions: {@code <store>|<originalTransactionId>}. */
  public static String rowId(final String store, final String originalTransactionId) {
    return store + "|" + originalTransactionId;
  }

  /**
   * The subscription as a move of its instance reports it.
   *
   * @param instance a subscription instance after an event ({@link Instance#subscription()})
   * @param version the player's version after the event
   * @return the row
   */
  public static Subscription of(final Instance instance, final long version) {
    final String status = instance.subscriptionStatus() != null ? instance.subscriptionStatus() : instance.status();
    return new Subscription(instance.store(), instance.originalTransactionId(), instance.transactionId(),
        instance.productId(), instance.instanceId(), status, instance.expiresAt(), instance.autoRenew(),
        instance.cancelReason(), instance.acquiredAt(), version);
  }

  /** Whether it gives access at {@code now}: an entitling status, and not past {@code expiresAt}. */
  public boolean entitled(final Instant now) {
    return ENTITLING.contains(reportedStatus) && (expiresAt == null || now.isBefore(expiresAt));
  }

  /**
   * The status as of {@code now}: what the store reported, except that an entitling status past its
   * {@code expiresAt} reads EXPIRED.
   */
  public String status(final Instant now) {
    return ENTITLING.contains(reportedStatus) && expiresAt != null && !now.isBefore(expiresAt)
        ? "EXPIRED" : reportedStatus;
  }
}
