package dev.coffer.ledger.dedupe;

import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.deadletter.DeadLetter;
import dev.coffer.ledger.deadletter.DeadLetterReason;
import dev.coffer.ledger.deadletter.DecodeFailures;
import dev.coffer.ledger.format.EventFormat;
import dev.coffer.ledger.format.FormatViolation;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.service.streams.QuietCommit;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt stage, keyed by dedupe key: decodes the raw input record, checks the event format (else
 * a dead letter), judges a receipt against the {@code receipts} store, and forwards every event,
 * re-keyed by player key, towards {@code coffer.ledger-sequence}. A player-scoped event (produced
 * straight to {@code coffer.ledger-events} rather than to the sequence log) passes UNJUDGED: the
 * fold dedupes it in the player's partition.
 *
 * <p>Outputs are a {@link VerdictedEvent} or a {@link DeadLetter}.
 */
final class DedupeProcessor implements Processor<byte[], byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

  private final String eventsTopic;
  private final Deserializer<LedgerEvent> eventDeserializer;
  private final LedgerObserver observer;
  private final QuietCommit quietCommit;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, DedupeRecord> receipts;

  DedupeProcessor(final String eventsTopic, final Deserializer<LedgerEvent> eventDeserializer,
                  final LedgerObserver observer, final QuietCommit quietCommit) {
    this.eventsTopic = eventsTopic;
    this.eventDeserializer = eventDeserializer;
    this.observer = observer;
    this.quietCommit = quietCommit;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
    this.receipts = context.getStateStore(LedgerStores.RECEIPTS);
    quietCommit.init(context);
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    quietCommit.processed();
    final Optional<String> key = DeadLetter.utf8(record.key());
    if (key.isEmpty()) {
      deadLetter(record, DeadLetterReason.BAD_KEY, "the record key is missing or not UTF-8", null);
      return;
    }
    if (record.value() == null) {
      deadLetter(record, DeadLetterReason.NULL_VALUE, "the record has no value", null);
      return;
    }
    final LedgerEvent event;
    try {
      event = eventDeserializer.deserialize(eventsTopic, record.headers(), record.value());
    } catch (final RuntimeException e) {
      if (!DecodeFailures.isPermanent(e)) {
        throw e;
      }
      deadLetter(record, DeadLetterReason.UNDECODABLE, String.valueOf(e.getMessage()), e);
      return;
    }
    if (event == null) {
      deadLetter(record, DeadLetterReason.UNDECODABLE, "the value decoded to nothing", null);
      return;
    }
    final Optional<FormatViolation> violation = EventFormat.check(key.get(), event);
    if (violation.isPresent()) {
      deadLetter(record, violation.get().reason(), violation.get().detail(), null);
      return;
    }
    final Verdict verdict;
    if (DedupeKey.parse(key.get()).orElseThrow().playerScoped()) {
      verdict = new Verdict.Unjudged();
    } else {
      final DedupeRules.Candidate candidate = new DedupeRules.Candidate(event.getEventId().toString(),
          event.getAppId(), event.getPlayerRef(), Fingerprints.of(event), true, record.timestamp());
      verdict = DedupeRules.judge(receipts.get(key.get()), candidate);
      switch (verdict) {
        case Verdict.New n -> receipts.put(key.get(), DedupeRules.remember(candidate));
        case Verdict.Redelivered r -> {
          Redeliveries.report(observer, candidate.appId(), r.eventId());
          return;
        }
        case Verdict.Rejected r -> logRejection(candidate, r);
        default -> LOG.debug("event {} is judged {}", candidate.eventId(), verdict);
      }
    }
    context.forward(record.<String>withKey(PlayerKey.of(event.getAppId(), event.getPlayerRef()))
        .withValue(new VerdictedEvent(verdict, event)));
  }

  /**
   * A receipt used by another player is a fraud signal: WARN. A reused idempotency key is a client
   * bug, already counted in the outcome metrics, and frequent under load: INFO.
   */
  static void logRejection(final DedupeRules.Candidate candidate, final Verdict.Rejected r) {
    if (r.reason() == Reason.RECEIPT_ALREADY_USED) {
      LOG.warn("event {} of app {} rejected: {} (original event {})",
          candidate.eventId(), candidate.appId(), r.reason(), r.originalEventId());
    } else {
      LOG.info("event {} of app {} rejected: {} (original event {})",
          candidate.eventId(), candidate.appId(), r.reason(), r.originalEventId());
    }
  }

  private void deadLetter(final Record<byte[], byte[]> record, final DeadLetterReason reason, final String detail,
                          final RuntimeException failure) {
    observer.onDeadLetter(reason.name());
    context.forward(DeadLetter.of(record, context.recordMetadata(), reason, detail, failure));
  }
}
