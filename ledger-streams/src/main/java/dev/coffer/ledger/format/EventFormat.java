package dev.coffer.ledger.format;

import dev.coffer.keys.DedupeKey;
import dev.coffer.ledger.deadletter.DeadLetterReason;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the event format, checked before dedupe: a record that breaks one is a dead letter,
 * not a rejection (no player state is consulted, and it never takes a dedupe key).
 *
 * <p>Dedupe keys ({@link DedupeKey}): a {@code PurchaseVerified} must be keyed
 * {@code appId|receipt|<store>|<transactionId>} (the store segment lowercase: {@code google_play});
 * every other event {@code appId|player|<playerRef>|<idempotencyKey>} (a caller's key) or
 * {@code appId|system|<playerRef>|<idempotencyKey>} (a key Coffer made).
 */
public final class EventFormat {
  private EventFormat() {
  }

  /**
   * Checks a decoded event against its record key.
   *
   * @param key the record key
   * @param event the decoded value
   * @return the first rule broken, or empty if the event is well-formed
   */
  public static Optional<FormatViolation> check(final String key, final LedgerEvent event) {
    if (blank(event.getAppId()) || event.getAppId().contains("|")) {
      return violation(DeadLetterReason.BAD_APP_ID, "appId is missing or contains '|'");
    }
    if (blank(event.getPlayerRef()) || event.getPlayerRef().contains("|")) {
      return violation(DeadLetterReason.BAD_PLAYER_REF, "playerRef is missing or contains '|'");
    }
    if (event.getEventId() == null || event.getOccurredAt() == null) {
      return violation(DeadLetterReason.MISSING_FIELD, "eventId or occurredAt is missing");
    }
    if (!key.equals(event.getDedupeKey())) {
      return violation(DeadLetterReason.KEY_MISMATCH, "record key differs from the event's dedupeKey");
    }
    final Object payload = event.getPayload();
    final Optional<DedupeKey> dedupeKey = DedupeKey.parse(key);
    if (payload instanceof PurchaseVerified purchase) {
      return purchase(event, dedupeKey, purchase);
    }
    if (!(payload instanceof ItemConsumed || payload instanceof GrantIssued || payload instanceof CurrencySpent
        || payload instanceof PurchaseRevoked || payload instanceof SubscriptionUpdated
        || payload instanceof PlayerErased || payload instanceof PurchaseReinstated)) {
      return violation(DeadLetterReason.UNKNOWN_PAYLOAD,
          "unknown payload " + (payload == null ? "null" : payload.getClass().getSimpleName()));
    }
    if (blank(event.getIdempotencyKey())) {
      return violation(DeadLetterReason.MISSING_FIELD, "idempotencyKey is missing");
    }
    final boolean wellKeyed = switch (dedupeKey.orElse(null)) {
      case DedupeKey.Caller c -> c.appId().equals(event.getAppId()) && c.playerRef().equals(event.getPlayerRef())
          && c.idempotencyKey().equals(event.getIdempotencyKey());
      case DedupeKey.SystemMade m -> m.appId().equals(event.getAppId())
          && m.playerRef().equals(event.getPlayerRef()) && m.name().equals(event.getIdempotencyKey());
      case null, default -> false;
    };
    if (!wellKeyed) {
      return violation(DeadLetterReason.BAD_DEDUPE_KEY,
          "dedupeKey must be appId|player|<playerRef>|<idempotencyKey> or appId|system|<playerRef>|<idempotencyKey>");
    }
    return switch (payload) {
      case ItemConsumed consumed -> blank(consumed.getInstanceId())
          ? violation(DeadLetterReason.MISSING_FIELD, "instanceId is missing")
          : consumed.getQuantity() <= 0
              ? violation(DeadLetterReason.NON_POSITIVE_QUANTITY, "quantity must be positive")
          : grants(consumed.getOnConsume(), "onConsume");
      case GrantIssued grant -> grant.getGrants() == null
          || grant.getGrants().getCurrencies().isEmpty() && grant.getGrants().getItems().isEmpty()
              ? violation(DeadLetterReason.EMPTY_GRANT, "the grant gives nothing")
              : grants(grant.getGrants(), "grants");
      case CurrencySpent spend -> blank(spend.getCurrency())
          ? violation(DeadLetterReason.MISSING_FIELD, "currency is missing")
          : spend.getAmount() <= 0
              ? violation(DeadLetterReason.NON_POSITIVE_QUANTITY, "amount must be positive")
          : Optional.empty();
      case PurchaseRevoked revoked -> blank(revoked.getTransactionId()) || revoked.getStore() == null
          ? violation(DeadLetterReason.MISSING_FIELD, "store or transactionId is missing")
          : revoked.getQuantity() != null && revoked.getQuantity() <= 0
              ? violation(DeadLetterReason.NON_POSITIVE_QUANTITY, "quantity must be positive when set")
          : Optional.empty();
      case PurchaseReinstated reinstated -> blank(reinstated.getTransactionId()) || reinstated.getStore() == null
          ? violation(DeadLetterReason.MISSING_FIELD, "store or transactionId is missing")
          : Optional.empty();
      case SubscriptionUpdated update -> blank(update.getOriginalTransactionId()) || update.getStore() == null
          || update.getStatus() == null
              ? violation(DeadLetterReason.MISSING_FIELD, "store, originalTransactionId or status is missing")
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<FormatViolation> purchase(final LedgerEvent event, final Optional<DedupeKey> dedupeKey,
                                                    final PurchaseVerified purchase) {
    if (purchase.getStore() == null || blank(purchase.getTransactionId()) || blank(purchase.getProductId())
        || purchase.getProductType() == null) {
      return violation(DeadLetterReason.MISSING_FIELD, "store, transactionId, productId or productType is missing");
    }
    if (purchase.getQuantity() <= 0) {
      return violation(DeadLetterReason.NON_POSITIVE_QUANTITY, "quantity must be positive");
    }
    final boolean wellKeyed = dedupeKey.orElse(null) instanceof DedupeKey.Receipt receipt
        && receipt.equals(DedupeKey.Receipt.of(event.getAppId(), purchase.getStore(), purchase.getTransactionId()));
    if (!wellKeyed) {
      return violation(DeadLetterReason.BAD_DEDUPE_KEY, "dedupeKey must be appId|receipt|<store>|<transactionId>");
    }
    final Optional<FormatViolation> grants = grants(purchase.getGrants(), "grants");
    return grants.isPresent() ? grants : grants(purchase.getOnConsume(), "onConsume");
  }

  private static Optional<FormatViolation> grants(final Grants grants, final String field) {
    if (grants == null) {
      return violation(DeadLetterReason.MISSING_FIELD, field + " is missing");
    }
    for (final Map.Entry<String, Long> entry : grants.getCurrencies().entrySet()) {
      if (blank(entry.getKey())) {
        return violation(DeadLetterReason.MISSING_FIELD, field + " names a blank currency");
      }
      if (entry.getValue() == null || entry.getValue() <= 0) {
        return violation(DeadLetterReason.NON_POSITIVE_QUANTITY, field + " amounts must be positive");
      }
    }
    for (final ItemGrant item : grants.getItems()) {
      if (blank(item.getItemId())) {
        return violation(DeadLetterReason.MISSING_FIELD, field + " names a blank item");
      }
      if (item.getQuantity() <= 0) {
        return violation(DeadLetterReason.NON_POSITIVE_QUANTITY, field + " item quantities must be positive");
      }
    }
    return Optional.empty();
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }

  private static Optional<FormatViolation> violation(final DeadLetterReason reason, final String detail) {
    return Optional.of(new FormatViolation(reason, detail));
  }
}
