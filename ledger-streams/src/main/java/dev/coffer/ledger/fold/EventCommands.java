package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.ItemAmount;
import dev.coffer.ledger.inventory.ProductKind;
import dev.coffer.ledger.inventory.SubscriptionState;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns a well-formed {@link LedgerEvent} (see {@link EventFormat}) into the plain {@link Command}
 * the fold's rules decide. The only place Avro event types meet the domain.
 */
public final class EventCommands {
  private EventCommands() {
  }

  /**
   * The command of a well-formed event.
   *
   * @param event an event {@link EventFormat#check} accepted
   * @return its command
   * @throws IllegalArgumentException if the payload is of an unknown type
   */
  public static Command toCommand(final LedgerEvent event) {
    final String eventId = event.getEventId().toString();
    final long occurredAt = event.getOccurredAt().toEpochMilli();
    return switch (event.getPayload()) {
      case PurchaseVerified p -> new Command.Purchase(eventId, occurredAt, storeName(p.getStore()),
          p.getTransactionId(), p.getOriginalTransactionId(), p.getProductId(), p.getStoreProductId(),
          ProductKind.valueOf(p.getProductType().name()), p.getQuantity(), millis(p.getExpiresAt()),
          p.getAutoConsume(), grants(p.getGrants()), grants(p.getOnConsume()));
      case ItemConsumed c -> new Command.Consume(eventId, occurredAt, c.getInstanceId(), c.getItemId(),
          c.getQuantity(), grants(c.getOnConsume()));
      case GrantIssued g -> new Command.Grant(eventId, occurredAt, grants(g.getGrants()));
      case CurrencySpent s -> new Command.Spend(eventId, occurredAt, s.getCurrency(), s.getAmount());
      case PurchaseRevoked r -> new Command.Revoke(eventId, occurredAt, storeName(r.getStore()), r.getTransactionId(),
          r.getQuantity());
      case PurchaseReinstated r -> new Command.Reinstate(eventId, occurredAt, storeName(r.getStore()),
          r.getTransactionId());
      case SubscriptionUpdated u -> new Command.UpdateSubscription(eventId, occurredAt, storeName(u.getStore()),
          u.getOriginalTransactionId(), SubscriptionState.valueOf(u.getStatus().name()), millis(u.getExpiresAt()),
          u.getAutoRenew(), u.getCancelReason() == null ? null : u.getCancelReason().name());
      case PlayerErased e -> new Command.Erase(eventId, occurredAt);
      default -> throw new IllegalArgumentException("unknown payload " + event.getPayload().getClass().getName());
    };
  }

  /** The domain's name of a store: the lowercase wire name (google_play, apple_app_store, ...). */
  public static String storeName(final Store store) {
    return store.name().toLowerCase(Locale.ROOT);
  }

  /** The Avro store of a domain store name. */
  public static Store store(final String storeName) {
    return Store.valueOf(storeName.toUpperCase(Locale.ROOT));
  }

  private static Grants grants(final dev.coffer.schemas.ledger.Grants grants) {
    return Grants.of(grants.getCurrencies(), grants.getItems().stream()
        .map(item -> new ItemAmount(item.getItemId(), item.getQuantity(), item.getConsumable())).toList());
  }

  private static Long millis(final Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
