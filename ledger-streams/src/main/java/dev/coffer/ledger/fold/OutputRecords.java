package dev.coffer.ledger.fold;

import dev.coffer.keys.PurchaseIndexKey;
import dev.coffer.ledger.format.EventTypes;
import dev.coffer.ledger.inventory.Instance;
import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.inventory.PurchaseRecord;
import dev.coffer.ledger.wallet.BalanceMove;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.outcome.RejectionReasons;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.schemas.state.InstanceStatus;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.ItemInstance;
import dev.coffer.schemas.state.WalletChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the fold's output records (Avro) from the domain's plain values. */
final class OutputRecords {
  private OutputRecords() {
  }

  static LedgerOutcome outcome(final LedgerEvent event, final OutcomeStatus status, final String reason,
                               final String message, final String originalEventId,
                               final OutcomeStatus originalStatus, final long version,
                               final List<BalanceMove> balances, final List<InstanceMove> instances) {
    return LedgerOutcome.newBuilder()
        .setEventId(event.getEventId())
        .setDedupeKey(event.getDedupeKey())
        .setAppId(event.getAppId())
        .setPlayerRef(event.getPlayerRef())
        .setEventType(EventTypes.of(event))
        .setStatus(status)
        .setReason(reason)
        // The typed twin of reason, on every outcome (Reason's names are RejectionReason's symbols: ReasonTest).
        .setRejectionReason(RejectionReasons.parse(reason))
        .setMessage(message)
        .setOriginalEventId(originalEventId)
        .setOriginalStatus(originalStatus)
        .setVersion(version)
        .setBalances(balances.stream().map(OutputRecords::balance).toList())
        .setInstances(instances.stream().map(OutputRecords::instanceChange).toList())
        .setOccurredAt(event.getOccurredAt())
        .setMigration(event.getMigration())
        // The event's personal details, still encrypted: projections show them in the export, and they go
        // unreadable with the player's data key.
        .setEncryptedDetails(event.getEncryptedDetails())
        .build();
  }

  static WalletChange walletChange(final LedgerEvent event, final long version, final List<BalanceMove> balances) {
    return WalletChange.newBuilder()
        .setAppId(event.getAppId())
        .setPlayerRef(event.getPlayerRef())
        .setEventId(event.getEventId().toString())
        .setEventType(EventTypes.of(event))
        .setVersion(version)
        .setOccurredAt(event.getOccurredAt())
        .setMigration(event.getMigration())
        .setBalances(balances.stream().map(OutputRecords::balance).toList())
        .build();
  }

  static InventoryChange inventoryChange(final LedgerEvent event, final long version,
                                         final List<InstanceMove> instances) {
    return InventoryChange.newBuilder()
        .setAppId(event.getAppId())
        .setPlayerRef(event.getPlayerRef())
        .setEventId(event.getEventId().toString())
        .setEventType(EventTypes.of(event))
        .setVersion(version)
        .setOccurredAt(event.getOccurredAt())
        .setMigration(event.getMigration())
        .setInstances(instances.stream().map(OutputRecords::instanceChange).toList())
        .build();
  }

  static PurchaseLogEntry purchaseLog(final LedgerEvent event, final PurchaseLogMark mark) {
    final PurchaseRecord purchase = mark.purchase();
    final PurchaseLogEntry.Builder entry = PurchaseLogEntry.newBuilder()
        .setAppId(event.getAppId())
        .setPlayerRef(event.getPlayerRef())
        .setEventId(event.getEventId().toString())
        .setLoggedAt(event.getOccurredAt())
        .setStore(EventCommands.store(purchase.store()))
        .setMarketOrderId(purchase.transactionId())
        .setMarketProductId(purchase.storeProductId())
        .setProductId(purchase.productId())
        .setProductType(ProductType.valueOf(purchase.kind().name()))
        .setQuantity(mark.units())
        .setPurchaseCount(mark.purchaseCount())
        .setExpiresAt(millis(purchase.expiresAt()))
        .setEncryptedDetails(event.getEncryptedDetails());
    if (mark.kind() == PurchaseLogMark.Kind.PURCHASE && event.getPayload() instanceof PurchaseVerified p) {
      entry.setEntryType(PurchaseLogEntryType.PURCHASE)
          .setMarket(p.getMarket())
          .setMarketPurchaseTime(p.getPurchaseTime())
          .setPurchaseToken(p.getPurchaseToken())
          .setCurrency(p.getCurrency())
          .setPrice(p.getPrice())
          .setOs(p.getOs())
          .setCountry(p.getCountry())
          .setPlayerLevel(p.getPlayerLevel())
          .setGrade(p.getGrade())
          .setEnvironment(p.getEnvironment());
    } else if (mark.kind() == PurchaseLogMark.Kind.REINSTATEMENT) {
      // Sold again: a PURCHASE of the units whose refund was reversed, flagged for readers that care.
      entry.setEntryType(PurchaseLogEntryType.PURCHASE).setReinstatement(true);
    } else {
      entry.setEntryType(PurchaseLogEntryType.REVOCATION);
      if (event.getPayload() instanceof PurchaseRevoked r) {
        entry.setRevocationReason(r.getReason());
      }
    }
    return entry.build();
  }

  /**
   * The purchase-index records of an applied purchase, keyed {@code appId|<STORE>|<id>}: one by its
   * transaction id, and one by each other id the store may name it by in a notification (purchase token,
   * original transaction id).
   */
  static Map<String, PurchaseIndexEntry> purchaseIndex(final LedgerEvent event, final PurchaseVerified p) {
    final PurchaseIndexEntry entry = PurchaseIndexEntry.newBuilder()
        .setAppId(event.getAppId())
        .setPlayerRef(event.getPlayerRef())
        .setStore(p.getStore())
        .setTransactionId(p.getTransactionId())
        .setOriginalTransactionId(p.getOriginalTransactionId())
        .setPurchaseToken(p.getPurchaseToken())
        .setProductId(p.getProductId())
        .setProductType(p.getProductType())
        .setQuantity(p.getQuantity())
        .setPurchasedAt(event.getOccurredAt())
        .setEventId(event.getEventId().toString())
        .build();
    final Map<String, PurchaseIndexEntry> records = new LinkedHashMap<>();
    for (final String id : new String[] {p.getTransactionId(), p.getPurchaseToken(), p.getOriginalTransactionId()}) {
      if (id != null && !id.isBlank()) {
        records.putIfAbsent(PurchaseIndexKey.of(event.getAppId(), p.getStore(), id), entry);
      }
    }
    return records;
  }

  private static BalanceChange balance(final BalanceMove move) {
    return new BalanceChange(move.currency(), move.delta(), move.balance());
  }

  private static InstanceChange instanceChange(final InstanceMove move) {
    return new InstanceChange(move.delta(), instance(move.instance()));
  }

  private static ItemInstance instance(final Instance instance) {
    return ItemInstance.newBuilder()
        .setInstanceId(instance.instanceId())
        .setItemId(instance.itemId())
        .setQuantity(instance.quantity())
        .setStatus(InstanceStatus.valueOf(instance.status().name()))
        .setConsumable(instance.consumable())
        .setAcquiredAt(Instant.ofEpochMilli(instance.acquiredAt()))
        .setSourceEventId(instance.sourceEventId())
        .setProductId(instance.productId())
        .setProductType(instance.productKind() == null ? null : ProductType.valueOf(instance.productKind().name()))
        .setStore(instance.store() == null ? null : EventCommands.store(instance.store()))
        .setTransactionId(instance.transactionId())
        .setOriginalTransactionId(instance.originalTransactionId())
        .setSubscriptionStatus(instance.subscriptionState() == null ? null
            : SubscriptionStatus.valueOf(instance.subscriptionState().name()))
        .setExpiresAt(millis(instance.expiresAt()))
        .setAutoRenew(instance.autoRenew())
        .setCancelReason(instance.cancelReason())
        .build();
  }

  private static Instant millis(final Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }
}
