package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.ProductKind;
import dev.coffer.ledger.inventory.SubscriptionState;
import java.util.Objects;

/**
 * A ledger event as the fold's rules see it: plain values, no Kafka or Avro. Every command carries
 * its eventId (the cause recorded on every change, and the seed of instance ids) and when it
 * occurred (the only time the rules know).
 */
public sealed interface Command {
  /** The event's id. */
  String eventId();

  /** When the event occurred, epoch millis. */
  long occurredAt();

  /**
   * A verified store purchase.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param store the store, lowercase (e.g. google_play)
   * @param transactionId the store's transaction id
   * @param originalTransactionId for subscriptions, the first transaction; may be {@code null}
   * @param productId the catalog product
   * @param storeProductId the store's product id
   * @param kind the product's kind
   * @param quantity units bought, positive
   * @param expiresAt for subscriptions, the end of the period; may be {@code null}
   * @param autoConsume consume the items at once
   * @param grantsPerUnit what one unit gives (resolved from the catalog at ingest)
   * @param onConsumePerUnit what auto-consuming one unit's items credits (their onConsume grants, resolved
   *     at ingest); applied only when {@code autoConsume}
   */
  record Purchase(String eventId, long occurredAt, String store, String transactionId,
                  String originalTransactionId, String productId, String storeProductId, ProductKind kind,
                  long quantity, Long expiresAt, boolean autoConsume, Grants grantsPerUnit,
                  Grants onConsumePerUnit) implements Command {
    public Purchase {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(productId, "productId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(grantsPerUnit, "grantsPerUnit");
      Objects.requireNonNull(onConsumePerUnit, "onConsumePerUnit");
    }

    /** A purchase whose items credit nothing when auto-consumed. */
    public Purchase(final String eventId, final long occurredAt, final String store, final String transactionId,
                    final String originalTransactionId, final String productId, final String storeProductId,
                    final ProductKind kind, final long quantity, final Long expiresAt, final boolean autoConsume,
                    final Grants grantsPerUnit) {
      this(eventId, occurredAt, store, transactionId, originalTransactionId, productId, storeProductId, kind,
          quantity, expiresAt, autoConsume, grantsPerUnit, Grants.NONE);
    }
  }

  /**
   * Units of an instance used up.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param instanceId the instance
   * @param itemId the item the instance must be of (onConsumePerUnit is that item's), or null: unchecked
   * @param quantity units, positive
   * @param onConsumePerUnit what consuming one unit gives
   */
  record Consume(String eventId, long occurredAt, String instanceId, String itemId, long quantity,
                 Grants onConsumePerUnit)
      implements
        Command {
    public Consume {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(onConsumePerUnit, "onConsumePerUnit");
    }
  }

  /**
   * A server-side grant.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param grants what is given
   */
  record Grant(String eventId, long occurredAt, Grants grants) implements Command {
    public Grant {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(grants, "grants");
    }
  }

  /**
   * Currency spent.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param currency the currency
   * @param amount how much, positive
   */
  record Spend(String eventId, long occurredAt, String currency, long amount) implements Command {
    public Spend {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /**
   * A store took a purchase back.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param store the store, lowercase
   * @param transactionId the transaction revoked
   * @param units units refunded (a quantity-based partial refund), or {@code null} for all that are left
   */
  record Revoke(String eventId, long occurredAt, String store, String transactionId, Long units)
      implements
        Command {
    public Revoke {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(transactionId, "transactionId");
    }

    /** A refund of the whole transaction. */
    public Revoke(final String eventId, final long occurredAt, final String store, final String transactionId) {
      this(eventId, occurredAt, store, transactionId, null);
    }
  }

  /**
   * A store reversed the refunds of a purchase (Apple REFUND_REVERSED).
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param store the store, lowercase
   * @param transactionId the transaction whose refunds are reversed
   */
  record Reinstate(String eventId, long occurredAt, String store, String transactionId) implements Command {
    public Reinstate {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(transactionId, "transactionId");
    }
  }

  /**
   * A store reported a subscription's status.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   * @param store the store, lowercase
   * @param originalTransactionId the subscription's first transaction
   * @param state the status now
   * @param expiresAt the period's end, or {@code null} if not reported
   * @param autoRenew whether it will renew, or {@code null} if not reported
   * @param cancelReason why it stops renewing, or {@code null}
   */
  record UpdateSubscription(String eventId, long occurredAt, String store, String originalTransactionId,
                            SubscriptionState state, Long expiresAt, Boolean autoRenew, String cancelReason)
      implements
        Command {
    public UpdateSubscription {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(originalTransactionId, "originalTransactionId");
      Objects.requireNonNull(state, "state");
    }

    /** A report of status and expiry only. */
    public UpdateSubscription(final String eventId, final long occurredAt, final String store,
                              final String originalTransactionId, final SubscriptionState state,
                              final Long expiresAt) {
      this(eventId, occurredAt, store, originalTransactionId, state, expiresAt, null, null);
    }
  }

  /**
   * GDPR erasure of the player.
   *
   * @param eventId the event id
   * @param occurredAt when it occurred
   */
  record Erase(String eventId, long occurredAt) implements Command {
    public Erase {
      Objects.requireNonNull(eventId, "eventId");
    }
  }
}
