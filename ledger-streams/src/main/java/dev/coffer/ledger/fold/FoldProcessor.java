package dev.coffer.ledger.fold;

import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.deadletter.DeadLetter;
import dev.coffer.ledger.deadletter.DeadLetterReason;
import dev.coffer.ledger.deadletter.DecodeFailures;
import dev.coffer.ledger.dedupe.DedupeRecord;
import dev.coffer.ledger.dedupe.DedupeRules;
import dev.coffer.ledger.dedupe.Fingerprints;
import dev.coffer.ledger.dedupe.Redeliveries;
import dev.coffer.ledger.dedupe.SequencedEvents;
import dev.coffer.ledger.dedupe.Verdict;
import dev.coffer.ledger.dedupe.VerdictedEvent;
import dev.coffer.ledger.format.EventFormat;
import dev.coffer.ledger.format.EventTypes;
import dev.coffer.ledger.format.FormatViolation;
import dev.coffer.ledger.inventory.PurchaseBook;
import dev.coffer.ledger.inventory.PurchaseRecord;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.service.streams.QuietCommit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fold, keyed by player key, over the raw records of {@code coffer.ledger-sequence}: decodes and
 * checks each record (else a dead letter), dedupes a player-scoped (UNJUDGED) event against the
 * player's {@code player-events}, lets {@link LedgerRules} decide a new event, and stores the new
 * player state and the event's log entry in the same transaction as its outputs. A duplicate is
 * answered from the log with the original's outcome; a rejection by the receipt stage as is.
 *
 * <p>Outputs are Avro records (outcome, wallet change, inventory change, purchase-log entry) or a
 * {@link DeadLetter}.
 */
final class FoldProcessor implements Processor<byte[], byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(FoldProcessor.class);

  private final String sequenceTopic;
  private final Deserializer<SequencedEvent> deserializer;
  private final LedgerObserver observer;
  private final Limits limits;
  private final QuietCommit quietCommit;
  private final FoldCodecs.PlayerStateCodec stateCodec;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, PlayerState> states;
  private KeyValueStore<String, LoggedEvent> events;

  FoldProcessor(final String sequenceTopic, final Deserializer<SequencedEvent> deserializer,
                final LedgerObserver observer, final Limits limits, final QuietCommit quietCommit,
                final FoldCodecs.PlayerStateCodec stateCodec) {
    this.sequenceTopic = sequenceTopic;
    this.deserializer = deserializer;
    this.observer = observer;
    this.limits = limits;
    this.quietCommit = quietCommit;
    this.stateCodec = stateCodec;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
    this.states = context.getStateStore(LedgerStores.PLAYER_STATE);
    this.events = context.getStateStore(LedgerStores.PLAYER_EVENTS);
    quietCommit.init(context);
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    quietCommit.processed();
    final Optional<VerdictedEvent> judged = decode(record);
    if (judged.isEmpty()) {
      return;
    }
    final String playerKey = PlayerKey.of(judged.get().event().getAppId(), judged.get().event().getPlayerRef());
    final Record<String, Object> out = record.withKey(playerKey).withValue(null);
    final LedgerEvent event = judged.get().event();
    switch (judged.get().verdict()) {
      case Verdict.Unjudged u -> judge(out, playerKey, event);
      // A NEW receipt needs no fingerprint (its stage judged it); a player-scoped NEW comes from a
      // release that judged every key before the fold: remember its fingerprint for later retries.
      case Verdict.New n -> {
        // The receipt stage judges each record once, but the fold holds the key's entry anyway: a NEW
        // whose entry is this very event is a record read twice, never decided twice.
        if (!redelivered(playerKey, event)) {
          decide(out, playerKey, event,
              DedupeKey.parse(event.getDedupeKey()).orElseThrow().playerScoped() ? Fingerprints.of(event) : null);
        }
      }
      // A release before the receipt stage caught redeliveries judged one as a duplicate of itself.
      case Verdict.Duplicate d when d.originalEventId().equals(event.getEventId().toString()) ->
        Redeliveries.report(observer, event.getAppId(), d.originalEventId());
      case Verdict.Duplicate d -> answerDuplicate(out, playerKey, event, d.originalEventId());
      case Verdict.Redelivered r -> throw new IllegalStateException("event " + r.eventId()
          + " read from the sequence as a redelivery, which is never sequenced");
      case Verdict.Rejected r -> emit(out, OutputRecords.outcome(event, OutcomeStatus.REJECTED, r.reason().name(),
          r.message(), r.originalEventId(), null, state(playerKey).version(), List.of(), List.of()));
    }
  }

  /** Decodes and checks a sequence record; dead-letters it and answers empty if it is not sound. */
  private Optional<VerdictedEvent> decode(final Record<byte[], byte[]> record) {
    final Optional<String> key = DeadLetter.utf8(record.key());
    if (key.isEmpty()) {
      return deadLetter(record, DeadLetterReason.BAD_KEY, "the record key is missing or not UTF-8", null);
    }
    if (record.value() == null) {
      return deadLetter(record, DeadLetterReason.NULL_VALUE, "the record has no value", null);
    }
    final SequencedEvent sequenced;
    try {
      sequenced = deserializer.deserialize(sequenceTopic, record.headers(), record.value());
    } catch (final RuntimeException e) {
      if (!DecodeFailures.isPermanent(e)) {
        throw e;
      }
      return deadLetter(record, DeadLetterReason.UNDECODABLE, String.valueOf(e.getMessage()), e);
    }
    if (sequenced == null || sequenced.getEvent() == null) {
      return deadLetter(record, DeadLetterReason.UNDECODABLE, "the value decoded to nothing", null);
    }
    final LedgerEvent event = sequenced.getEvent();
    final Optional<FormatViolation> violation = EventFormat.check(event.getDedupeKey(), event);
    if (violation.isPresent()) {
      return deadLetter(record, violation.get().reason(), violation.get().detail(), null);
    }
    if (!key.get().equals(PlayerKey.of(event.getAppId(), event.getPlayerRef()))) {
      return deadLetter(record, DeadLetterReason.KEY_MISMATCH, "record key differs from the event's player key", null);
    }
    // A verdict of a later release stops the thread (SequencedEvents throws): the fold must not guess.
    final VerdictedEvent judged = SequencedEvents.fromRecord(sequenced);
    if (judged.verdict() instanceof Verdict.Unjudged && !DedupeKey.parse(event.getDedupeKey()).orElseThrow()
        .playerScoped()) {
      return deadLetter(record, DeadLetterReason.BAD_VERDICT, "a receipt must be judged before the fold", null);
    }
    return Optional.of(judged);
  }

  /** Dedupes a player-scoped event in the player's own log: the key is unique within the player. */
  private void judge(final Record<String, Object> out, final String playerKey, final LedgerEvent event) {
    final String fingerprint = Fingerprints.of(event);
    final LoggedEvent seen = events.get(logKey(playerKey, event.getDedupeKey()));
    final DedupeRules.Candidate candidate = new DedupeRules.Candidate(event.getEventId().toString(),
        event.getAppId(), event.getPlayerRef(), fingerprint, false, out.timestamp());
    final DedupeRecord remembered = seen == null ? null : new DedupeRecord(seen.outcome().eventId(),
        seen.fingerprint() == null ? "" : seen.fingerprint(), event.getAppId(), event.getPlayerRef(), 0);
    switch (DedupeRules.judge(remembered, candidate)) {
      case Verdict.Duplicate d -> answerDuplicate(out, playerKey, event, d.originalEventId());
      case Verdict.Redelivered r -> Redeliveries.report(observer, candidate.appId(), r.eventId());
      case Verdict.Rejected r -> {
        // A caller's misuse, answered in its outcome and counted (coffer_ledger_outcomes_total): not a log line
        // per event at INFO, which a retrying client with a reused key turns into a flood.
        LOG.debug("event {} of app {} rejected: {} (original event {})", candidate.eventId(), candidate.appId(),
            r.reason(), r.originalEventId());
        emit(out, OutputRecords.outcome(event, OutcomeStatus.REJECTED, r.reason().name(), r.message(),
            r.originalEventId(), null, state(playerKey).version(), List.of(), List.of()));
      }
      default -> decide(out, playerKey, event, fingerprint);
    }
  }

  private void decide(final Record<String, Object> out, final String playerKey, final LedgerEvent event,
                      final String fingerprint) {
    final PlayerState before = state(playerKey);
    final String appId = event.getAppId();
    final PurchaseBook book = (store, transactionId) -> Optional.ofNullable(
        events.get(logKey(playerKey, new DedupeKey.Receipt(appId, store, transactionId).value())))
        .map(LoggedEvent::purchase);
    Decision decision = LedgerRules.decide(before, EventCommands.toCommand(event), book, limits);
    final byte[] stateBytes = decision.applied() ? stateCodec.encode(decision.state()) : null;
    if (stateBytes != null && stateBytes.length > limits.maxStateBytes()) {
      decision = Decision.rejected(before, Reason.STATE_TOO_LARGE, "the player's state would take "
          + stateBytes.length + " bytes; the most is " + limits.maxStateBytes());
    }
    final PlayerState after = decision.state();
    final String eventId = event.getEventId().toString();
    final RecordedOutcome recorded = new RecordedOutcome(eventId, EventTypes.of(event).name(), decision.applied(),
        decision.applied() ? null : decision.rejection().name(), decision.message(), after.version(),
        decision.balances(), decision.instances());
    // The event's own entry, then the purchase records it changed: a purchase's record lives in the
    // entry of the purchase's receipt key, which is the purchase event's own key.
    final Map<String, LoggedEvent> writes = new LinkedHashMap<>();
    writes.put(logKey(playerKey, event.getDedupeKey()), new LoggedEvent(fingerprint, recorded, null));
    for (final PurchaseRecord purchase : decision.purchases()) {
      final String key = logKey(playerKey,
          new DedupeKey.Receipt(appId, purchase.store(), purchase.transactionId()).value());
      final LoggedEvent entry = writes.containsKey(key) ? writes.get(key) : events.get(key);
      if (entry == null) {
        throw new IllegalStateException("purchase " + key + " changed by event " + eventId + " has no log entry");
      }
      writes.put(key, entry.withPurchase(purchase));
    }
    writes.forEach(events::put);
    if (!decision.applied()) {
      emit(out, OutputRecords.outcome(event, OutcomeStatus.REJECTED, decision.rejection().name(),
          decision.message(), null, null, after.version(), List.of(), List.of()));
      return;
    }
    states.put(playerKey, after);
    emit(out, OutputRecords.outcome(event, OutcomeStatus.APPLIED, null, null, null, null, after.version(),
        decision.balances(), decision.instances()));
    if (!decision.balances().isEmpty()) {
      context.forward(out.withValue(OutputRecords.walletChange(event, after.version(), decision.balances())));
    }
    if (!decision.instances().isEmpty()) {
      context.forward(out.withValue(OutputRecords.inventoryChange(event, after.version(), decision.instances())));
    }
    if (decision.purchaseLog() != null) {
      context.forward(out.withValue(OutputRecords.purchaseLog(event, decision.purchaseLog())));
      if (decision.purchaseLog().kind() == PurchaseLogMark.Kind.PURCHASE && event
          .getPayload() instanceof PurchaseVerified p) {
        OutputRecords.purchaseIndex(event, p)
            .forEach((key, entry) -> context.forward(out.withKey(key).withValue(entry)));
      }
    }
  }

  /** Whether the player's log already holds this very event under its key; reported if so. */
  private boolean redelivered(final String playerKey, final LedgerEvent event) {
    final LoggedEvent seen = events.get(logKey(playerKey, event.getDedupeKey()));
    final String eventId = event.getEventId().toString();
    if (seen == null || !seen.outcome().eventId().equals(eventId)) {
      return false;
    }
    Redeliveries.report(observer, event.getAppId(), eventId);
    return true;
  }

  private void answerDuplicate(final Record<String, Object> out, final String playerKey, final LedgerEvent event,
                               final String originalEventId) {
    final LoggedEvent logged = events.get(logKey(playerKey, event.getDedupeKey()));
    if (logged == null) {
      // Only possible if the log lost the entry (a store reset without its changelog).
      LOG.warn("event {} duplicates {}, whose outcome is not in the player's log", event.getEventId(),
          originalEventId);
      emit(out, OutputRecords.outcome(event, OutcomeStatus.DUPLICATE, null, "the original outcome is not available",
          originalEventId, null, state(playerKey).version(), List.of(), List.of()));
      return;
    }
    final RecordedOutcome original = logged.outcome();
    emit(out, OutputRecords.outcome(event, OutcomeStatus.DUPLICATE, original.reason(), original.message(),
        original.eventId(), original.applied() ? OutcomeStatus.APPLIED : OutcomeStatus.REJECTED, original.version(),
        original.balances(), original.instances()));
  }

  private void emit(final Record<String, Object> out, final LedgerOutcome outcome) {
    observer.onOutcome(outcome.getAppId(), outcome.getStatus().name(), outcome.getReason());
    context.forward(out.withValue(outcome));
  }

  /**
   * The key of an event in the player's log: {@code <player key>|<dedupe key>}. Prefixed by the player
   * so that one player's entries are one range of the store (erasure, export), whatever the key's kind.
   */
  static String logKey(final String playerKey, final String dedupeKey) {
    return playerKey + "|" + dedupeKey;
  }

  private PlayerState state(final String playerKey) {
    final PlayerState state = states.get(playerKey);
    return state != null ? state : PlayerState.NEW;
  }

  private Optional<VerdictedEvent> deadLetter(final Record<byte[], byte[]> record, final DeadLetterReason reason,
                                              final String detail, final RuntimeException failure) {
    observer.onDeadLetter(reason.name());
    context.forward(DeadLetter.of(record, context.recordMetadata(), reason, detail, failure));
    return Optional.empty();
  }
}
