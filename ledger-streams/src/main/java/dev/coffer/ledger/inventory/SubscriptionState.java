package dev.coffer.ledger.inventory;

/** A subscription's status as the store last reported it. */
public enum SubscriptionState {
  /** A status this version does not know. */
  UNKNOWN,
  /** Paid and running. */
  ACTIVE,
  /** Payment failed; the store still grants access. */
  IN_GRACE_PERIOD,
  /** Payment failed; the store is retrying. */
  IN_BILLING_RETRY,
  /** Will not renew; runs to the end of the period. */
  CANCELLED,
  /** The period ended. */
  EXPIRED,
  /** Taken back by the store. */
  REVOKED,
  /** Paused by the player. */
  PAUSED,
  /**
   * Google account hold: payment failed past the grace period. Mapped like the other statuses until the
   * fold decides entitlement from status and expiry (the store sends it; without this symbol the event
   * could not be turned into a command).
   */
  ON_HOLD;

  /** The instance status this subscription status implies. */
  public InstanceStatus instanceStatus() {
    return switch (this) {
      case EXPIRED -> InstanceStatus.EXPIRED;
      case REVOKED -> InstanceStatus.REVOKED;
      default -> InstanceStatus.ACTIVE;
    };
  }
}
