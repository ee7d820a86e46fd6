package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.deadletter.DeadLetterHeaders;
import dev.coffer.ledger.deadletter.DeadLetterReason;
import dev.coffer.ledger.deadletter.DecodeFailures;
import dev.coffer.ledger.format.EventFormat;
import dev.coffer.ledger.format.FormatViolation;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.topics.CofferTopics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dedupe, keyed by dedupe key: decodes the raw input record, checks the event format (else a dead
 * letter), judges the event against the {@code dedupe-keys} store and forwards it with its verdict,
 * re-keyed by player key, towards {@code coffer.ledger-sequence} and the fold.
 */
final class DedupeProcessor implements Processor<byte[], byte[], String, DedupeOutput> {
  private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

  private final String eventsTopic;
  private final Deserializer<LedgerEvent> eventDeserializer;
  private final LedgerObserver observer;
  private final Duration retention;
  private ProcessorContext<String, DedupeOutput> context;
  private KeyValueStore<String, DedupeRecord> dedupeKeys;

  DedupeProcessor(final String eventsTopic, final Deserializer<LedgerEvent> eventDeserializer,
                  final LedgerObserver observer, final Duration retention) {
    this.eventsTopic = eventsTopic;
    this.eventDeserializer = eventDeserializer;
    this.observer = observer;
    this.retention = retention;
  }

  @Override
  public void init(final ProcessorContext<String, DedupeOutput> context) {
    this.context = context;
    this.dedupeKeys = context.getStateStore(LedgerStores.DEDUPE_KEYS);
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final Optional<String> key = utf8(record.key());
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
    final DedupeRules.Candidate candidate = new DedupeRules.Candidate(event.getEventId().toString(),
        event.getAppId(), event.getPlayerRef(), Fingerprints.of(event),
        EventFormat.isReceiptKey(event.getAppId(), key.get()), record.timestamp());
    final Verdict verdict = DedupeRules.judge(dedupeKeys.get(key.get()), candidate, retention);
    switch (verdict) {
      case Verdict.New n -> dedupeKeys.put(key.get(), DedupeRules.remember(candidate));
      case Verdict.Rejected r -> logRejection(candidate, r);
      case Verdict.Duplicate d -> LOG.debug("event {} duplicates {}", candidate.eventId(), d.originalEventId());
    }
    context.forward(record
        .withKey(CofferTopics.playerKey(event.getAppId(), event.getPlayerRef()))
        .withValue((DedupeOutput) new DedupeOutput.ToFold(new VerdictedEvent(verdict, event))));
  }

  /**
   * A receipt used by another player is a fraud signal: WARN. A reused idempotency key is a client
   * bug, already counted in the outcome metrics, and frequent under load: INFO.
   */
  private static void logRejection(final DedupeRules.Candidate candidate, final Verdict.Rejected r) {
    if (r.reason() == Reason.RECEIPT_ALREADY_USED) {
      LOG.warn("event {} of app {} rejected by dedupe: {} (original event {})",
          candidate.eventId(), candidate.appId(), r.reason(), r.originalEventId());
    } else {
      LOG.info("event {} of app {} rejected by dedupe: {} (original event {})",
          candidate.eventId(), candidate.appId(), r.reason(), r.originalEventId());
    }
  }

  private void deadLetter(final Record<byte[], byte[]> record, final DeadLetterReason reason, final String detail,
                          final RuntimeException failure) {
    final Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(DeadLetterHeaders.REASON, utf8(reason.name()));
    headers.add(DeadLetterHeaders.DETAIL, utf8(detail));
    if (failure != null) {
      headers.add(DeadLetterHeaders.EXCEPTION, utf8(failure.getClass().getName()));
    }
    final Optional<RecordMetadata> source = context.recordMetadata();
    source.ifPresent(metadata -> {
      headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(metadata.topic()));
      headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(metadata.partition())));
      headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(metadata.offset())));
    });
    final String where = source.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("unknown");
    if (failure != null) {
      LOG.warn("dead letter {} from {}: {}", reason, where, detail, failure);
    } else {
      LOG.warn("dead letter {} from {}: {}", reason, where, detail);
    }
    observer.onDeadLetter(reason.name());
    context.forward(new Record<String, DedupeOutput>(null, new DedupeOutput.DeadLetter(record.key(), record.value()),
        record.timestamp(), headers));
  }

  private static Optional<String> utf8(final byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (final CharacterCodingException e) {
      // Not a swallowed failure: the caller dead-letters the record with reason BAD_KEY.
      return Optional.empty();
    }
  }

  private static byte[] utf8(final String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
