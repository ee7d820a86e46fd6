package dev.coffer.ledger.fold;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.dedupe.Verdict;
import dev.coffer.ledger.dedupe.VerdictedEvent;
import dev.coffer.ledger.format.EventCommands;
import dev.coffer.ledger.inventory.Inventory;
import dev.coffer.ledger.wallet.Wallet;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fold, keyed by player key: loads the player's state, lets {@link LedgerRules} decide a NEW
 * event, stores the new state and the outcome, and emits the outcome and changes. A DUPLICATE is
 * answered from the player log with the original's outcome; a dedupe rejection is answered as is.
 */
final class FoldProcessor implements Processor<String, VerdictedEvent, String, SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(FoldProcessor.class);

  private final LedgerObserver observer;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, Wallet> wallets;
  private KeyValueStore<String, Inventory> inventories;
  private KeyValueStore<String, PlayerMeta> players;
  private KeyValueStore<String, RecordedOutcome> playerLog;

  FoldProcessor(final LedgerObserver observer) {
    this.observer = observer;
  }

  @Override
  public void init(final ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.wallets = context.getStateStore(LedgerStores.WALLETS);
    this.inventories = context.getStateStore(LedgerStores.INVENTORIES);
    this.players = context.getStateStore(LedgerStores.PLAYERS);
    this.playerLog = context.getStateStore(LedgerStores.PLAYER_LOG);
  }

  @Override
  public void process(final Record<String, VerdictedEvent> record) {
    final String playerKey = Objects.requireNonNull(record.key(), "fold input without player key");
    final LedgerEvent event = record.value().event();
    switch (record.value().verdict()) {
      case Verdict.New n -> decide(record, playerKey, event);
      case Verdict.Duplicate d -> answerDuplicate(record, playerKey, event, d.originalEventId());
      case Verdict.Rejected r -> emitOutcome(record, OutputRecords.outcome(event, OutcomeStatus.REJECTED,
          r.reason().name(), r.message(), r.originalEventId(), null, meta(playerKey).version(), List.of(), List.of()));
    }
  }

  private void decide(final Record<String, VerdictedEvent> record, final String playerKey, final LedgerEvent event) {
    final PlayerMeta meta = meta(playerKey);
    final Wallet wallet = orElse(wallets.get(playerKey), Wallet.EMPTY);
    final Inventory inventory = orElse(inventories.get(playerKey), Inventory.EMPTY);
    final PlayerState before = new PlayerState(meta.version(), meta.purchaseCount(), meta.erased(), wallet, inventory);
    final Decision decision = LedgerRules.decide(before, EventCommands.toCommand(event));
    final PlayerState after = decision.state();
    final String eventId = event.getEventId().toString();
    playerLog.put(logKey(playerKey, eventId), new RecordedOutcome(eventId, EventCommands.eventType(event).name(),
        decision.applied(), decision.applied() ? null : decision.rejection().name(), decision.message(),
        after.version(), decision.balances(), decision.instances()));
    if (!decision.applied()) {
      emitOutcome(record, OutputRecords.outcome(event, OutcomeStatus.REJECTED, decision.rejection().name(),
          decision.message(), null, null, after.version(), List.of(), List.of()));
      return;
    }
    players.put(playerKey, new PlayerMeta(after.version(), after.purchaseCount(), after.erased()));
    if (!after.wallet().equals(wallet)) {
      wallets.put(playerKey, after.wallet());
    }
    if (!after.inventory().equals(inventory)) {
      inventories.put(playerKey, after.inventory());
    }
    emitOutcome(record, OutputRecords.outcome(event, OutcomeStatus.APPLIED, null, null, null, null, after.version(),
        decision.balances(), decision.instances()));
    if (!decision.balances().isEmpty()) {
      context.forward(record.withValue(OutputRecords.walletChange(event, after.version(), decision.balances())));
    }
    if (!decision.instances().isEmpty()) {
      context.forward(record.withValue(OutputRecords.inventoryChange(event, after.version(), decision.instances())));
    }
    if (decision.purchaseLog() != null) {
      context.forward(record.withValue(OutputRecords.purchaseLog(event, decision.purchaseLog())));
    }
  }

  private void answerDuplicate(final Record<String, VerdictedEvent> record, final String playerKey,
                               final LedgerEvent event, final String originalEventId) {
    final RecordedOutcome original = playerLog.get(logKey(playerKey, originalEventId));
    if (original == null) {
      // Only possible if the player log lost the entry (e.g. a store reset without its changelog).
      LOG.warn("event {} duplicates {}, whose outcome is not in the player log", event.getEventId(), originalEventId);
      emitOutcome(record, OutputRecords.outcome(event, OutcomeStatus.DUPLICATE, null,
          "the original outcome is not available", originalEventId, null, meta(playerKey).version(), List.of(),
          List.of()));
      return;
    }
    emitOutcome(record, OutputRecords.outcome(event, OutcomeStatus.DUPLICATE, original.reason(), original.message(),
        originalEventId, original.applied() ? OutcomeStatus.APPLIED : OutcomeStatus.REJECTED, original.version(),
        original.balances(), original.instances()));
  }

  private void emitOutcome(final Record<String, VerdictedEvent> record, final LedgerOutcome outcome) {
    observer.onOutcome(outcome.getAppId(), outcome.getStatus().name(), outcome.getReason());
    context.forward(record.withValue(outcome));
  }

  private PlayerMeta meta(final String playerKey) {
    return orElse(players.get(playerKey), PlayerMeta.NEW);
  }

  /** The player-log key of an event: {@code appId|playerRef|eventId}. */
  static String logKey(final String playerKey, final String eventId) {
    return playerKey + "|" + eventId;
  }

  private static <T> T orElse(final T value, final T fallback) {
    return value != null ? value : fallback;
  }
}
