package dev.coffer.projections;

import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.EventType;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.schemas.state.InstanceStatus;
import dev.coffer.schemas.state.ItemInstance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Ledger outcomes and purchase-log entries as the ledger writes them, for topology and unit tests. */
public final class Outcomes {
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private Outcomes() {
  }

  /** An APPLIED outcome of {@code type} at {@code version}. */
  public static LedgerOutcome.Builder applied(final String appId, final String ref, final EventType type,
                                              final long version) {
    return LedgerOutcome.newBuilder().setEventId(UUID.randomUUID()).setDedupeKey(appId + "|player|" + ref + "|k"
        + version).setAppId(appId).setPlayerRef(ref).setEventType(type).setStatus(OutcomeStatus.APPLIED)
        .setVersion(version).setOccurredAt(T0.plusSeconds(version));
  }

  /** A grant of {@code amount} coins bringing the balance to {@code balance}. */
  public static LedgerOutcome coins(final String appId, final String ref, final long version, final long amount,
                                    final long balance) {
    return applied(appId, ref, EventType.GRANT_ISSUED, version)
        .setBalances(List.of(new BalanceChange("coins", amount, balance))).build();
  }

  /** A REJECTED outcome at {@code version}. */
  public static LedgerOutcome rejected(final String appId, final String ref, final long version,
                                       final String reason) {
    return applied(appId, ref, EventType.CURRENCY_SPENT, version).setStatus(OutcomeStatus.REJECTED)
        .setReason(reason).build();
  }

  /** An item instance. */
  public static ItemInstance.Builder instance(final String id, final String itemId, final long quantity,
                                              final InstanceStatus status) {
    return ItemInstance.newBuilder().setInstanceId(id).setItemId(itemId).setQuantity(quantity).setStatus(status)
        .setConsumable(true).setAcquiredAt(T0).setSourceEventId("src-" + id);
  }

  /** A purchased subscription instance. */
  public static ItemInstance subscription(final String id, final SubscriptionStatus status) {
    return instance(id, "vip", 1, InstanceStatus.ACTIVE).setConsumable(false).setProductId("vip-monthly")
        .setProductType(ProductType.SUBSCRIPTION).setStore(Store.GOOGLE_PLAY).setTransactionId("GPA.1")
        .setOriginalTransactionId("GPA.1").setSubscriptionStatus(status).setExpiresAt(T0.plusSeconds(86_400))
        .build();
  }

  /** An outcome that changed {@code instances}. */
  public static LedgerOutcome items(final String appId, final String ref, final EventType type, final long version,
                                    final ItemInstance... instances) {
    return applied(appId, ref, type, version)
        .setInstances(List.of(instances).stream().map(i -> new InstanceChange(i.getQuantity(), i)).toList())
        .build();
  }

  /** A PURCHASE entry of the purchase log. */
  public static PurchaseLogEntry purchaseLog(final String appId, final String ref, final String eventId) {
    return PurchaseLogEntry.newBuilder().setAppId(appId).setPlayerRef(ref).setEventId(eventId)
        .setEntryType(PurchaseLogEntryType.PURCHASE).setLoggedAt(T0).setStore(Store.GOOGLE_PLAY)
        .setMarketOrderId("GPA.1").setProductId("vip-monthly").setCurrency("EUR")
        .setPrice(new BigDecimal("4.990000")).setCountry("DE").setPurchaseCount(1).build();
  }
}
