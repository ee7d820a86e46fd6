package dev.coffer.ledger.format;

import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.EventType;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.SubscriptionUpdated;

/** The kind of a ledger event, by its payload. */
public final class EventTypes {
  private EventTypes() {
  }

  /**
   * The kind of an event.
   *
   * @param event a decoded event
   * @return its kind, UNKNOWN for a payload this version does not know
   */
  public static EventType of(final LedgerEvent event) {
    return switch (event.getPayload()) {
      case PurchaseVerified p -> EventType.PURCHASE_VERIFIED;
      case ItemConsumed c -> EventType.ITEM_CONSUMED;
      case GrantIssued g -> EventType.GRANT_ISSUED;
      case CurrencySpent s -> EventType.CURRENCY_SPENT;
      case PurchaseRevoked r -> EventType.PURCHASE_REVOKED;
      case SubscriptionUpdated u -> EventType.SUBSCRIPTION_UPDATED;
      case PlayerErased e -> EventType.PLAYER_ERASED;
      case PurchaseReinstated r -> EventType.PURCHASE_REINSTATED;
      case null, default -> EventType.UNKNOWN;
    };
  }
}
