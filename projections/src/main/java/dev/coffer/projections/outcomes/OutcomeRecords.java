package dev.coffer.projections.outcomes;

import dev.coffer.schemas.AvroBytes;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.inventory.InstanceMove;
import dev.coffer.projections.purchases.PurchaseLogRecord;
import dev.coffer.projections.wallet.BalanceMove;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.schemas.state.ItemInstance;

/** Turns the ledger's Avro records into the read models' plain values. */
public final class OutcomeRecords {
  private OutcomeRecords() {
  }

  /** The plain value of an outcome. */
  public static EventOutcome outcome(final LedgerOutcome o) {
    return new EventOutcome(o.getEventId().toString(), o.getDedupeKey(), o.getAppId(), o.getPlayerRef(),
        o.getEventType().name(), o.getStatus().name(), o.getReason(), o.getMessage(), o.getOriginalEventId(),
        o.getOriginalStatus() == null ? null : o.getOriginalStatus().name(), o.getVersion(),
        o.getBalances().stream().map(OutcomeRecords::balance).toList(),
        o.getInstances().stream().map(OutcomeRecords::instanceMove).toList(), o.getOccurredAt(),
        o.getMigration(), AvroBytes.copyOf(o.getEncryptedDetails()));
  }

  /** The plain value of a purchase-log entry. */
  public static PurchaseLogRecord purchaseLog(final PurchaseLogEntry e) {
    return new PurchaseLogRecord(e.getEventId(), e.getEntryType().name(), e.getLoggedAt(), name(e.getStore()),
        e.getMarket(), e.getMarketOrderId(), e.getMarketProductId(), e.getProductId(), name(e.getProductType()),
        e.getQuantity(), e.getCurrency(), e.getPrice() == null ? null : e.getPrice().toPlainString(), e.getOs(),
        e.getCountry(), e.getPlayerLevel(), e.getGrade(), e.getPurchaseCount(), name(e.getEnvironment()),
        name(e.getRevocationReason()), e.getExpiresAt(), e.getReinstatement(), AvroBytes.copyOf(e
            .getEncryptedDetails()));
  }

  private static BalanceMove balance(final BalanceChange b) {
    return new BalanceMove(b.getCurrency(), b.getDelta(), b.getBalance());
  }

  private static InstanceMove instanceMove(final InstanceChange c) {
    final ItemInstance i = c.getInstance();
    return new InstanceMove(c.getDelta(), new Instance(i.getInstanceId(), i.getItemId(), i.getQuantity(),
        i.getStatus().name(), i.getConsumable(), i.getAcquiredAt(), i.getSourceEventId(), i.getProductId(),
        name(i.getProductType()), name(i.getStore()), i.getTransactionId(), i.getOriginalTransactionId(),
        name(i.getSubscriptionStatus()), i.getExpiresAt(), i.getAutoRenew(), i.getCancelReason()));
  }

  private static String name(final Enum<?> value) {
    return value == null ? null : value.name();
  }
}
