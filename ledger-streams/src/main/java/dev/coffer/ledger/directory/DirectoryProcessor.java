package dev.coffer.ledger.directory;

import dev.coffer.schemas.AvroBytes;
import dev.coffer.keys.PlayerKey;
import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.deadletter.DeadLetter;
import dev.coffer.ledger.deadletter.DeadLetterReason;
import dev.coffer.ledger.deadletter.DecodeFailures;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.schemas.directory.DirectoryState;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player directory, keyed {@code appId|lookup}, over the raw records of
 * {@code coffer.player-directory-requests}: decodes each request (else a dead letter), lets
 * {@link DirectoryRules} decide, keeps the entry in the {@code player-directory} store and answers on
 * {@code coffer.player-directory} (the entry, or a tombstone for a lookup never seen) with the request id
 * in the header {@value #REQUEST_HEADER}; a created or erased player's data key record goes to
 * {@code coffer.player-keys} in the same transaction.
 *
 * <p>Outputs: {@link Answer}, {@link KeyOutput}, {@link DeadLetter}.
 */
final class DirectoryProcessor implements Processor<byte[], byte[], String, Object> {
  /** The header of an answer that names the request it answers. */
  static final String REQUEST_HEADER = "coffer-directory-request";
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryProcessor.class);

  /** An answer on the directory topic: the entry, or null (a tombstone). */
  record Answer(DirectoryEntry entry) {
  }

  /** A record of {@code coffer.player-keys}, with its player key. */
  record KeyOutput(String playerKey, PlayerDataKey value) {
  }

  private final String requestsTopic;
  private final Deserializer<DirectoryRequest> deserializer;
  private final LedgerObserver observer;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, DirectoryRecord> entries;

  DirectoryProcessor(final String requestsTopic, final Deserializer<DirectoryRequest> deserializer,
                     final LedgerObserver observer) {
    this.requestsTopic = requestsTopic;
    this.deserializer = deserializer;
    this.observer = observer;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
    this.entries = context.getStateStore(LedgerStores.PLAYER_DIRECTORY);
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final Optional<DirectoryRequest> decoded = decode(record);
    if (decoded.isEmpty()) {
      return;
    }
    final DirectoryRequest request = decoded.get();
    final String key = request.getAppId() + "|" + request.getLookup();
    final DirectoryRecord before = entries.get(key);
    DirectoryRules.Decision decision;
    try {
      decision = DirectoryRules.decide(before, new DirectoryRules.Request(op(request),
          request.getRequestedAt().toEpochMilli(), request.getNewPlayerRef(), AvroBytes.copyOf(request
              .getNewWrappedKey())));
    } catch (final DirectoryRules.InvalidRequestException e) {
      // A requester's bug: answered with the entry as it stands, which tells it nothing was made.
      LOG.warn("directory request {} of app {} refused: {}", request.getRequestId(), request.getAppId(),
          e.getMessage());
      decision = new DirectoryRules.Decision(before, false, null);
    }
    if (decision.changed()) {
      entries.put(key, decision.after());
    }
    final RecordHeaders headers = new RecordHeaders();
    headers.add(REQUEST_HEADER, request.getRequestId().getBytes(StandardCharsets.UTF_8));
    context.forward(new Record<String, Object>(key, new Answer(entry(request, decision.after())),
        record.timestamp(), headers));
    if (decision.keyRecord() != null) {
      final DirectoryRules.KeyRecord k = decision.keyRecord();
      final PlayerDataKey.Builder value = PlayerDataKey.newBuilder().setAppId(request.getAppId())
          .setPlayerRef(k.playerRef()).setWrappedKey(ByteBuffer.wrap(k.wrappedKey()))
          .setCreatedAt(Instant.ofEpochMilli(k.createdAt()));
      if (k instanceof DirectoryRules.KeyRecord.Erased erased) {
        value.setErasedAt(Instant.ofEpochMilli(erased.erasedAt()))
            .setEncryptedExternalId(request.getEncryptedExternalId())
            .setErasureEventId(request.getErasureEventId()).setErasureVersion(request.getErasureVersion());
      }
      final String playerKey = PlayerKey.of(request.getAppId(), k.playerRef());
      context.forward(new Record<String, Object>(playerKey, new KeyOutput(playerKey, value.build()),
          record.timestamp(), new RecordHeaders()));
    }
  }

  private static DirectoryRules.Op op(final DirectoryRequest request) {
    return switch (request.getOp()) {
      case RESOLVE -> DirectoryRules.Op.RESOLVE;
      case CREATE -> DirectoryRules.Op.CREATE;
      case ERASE -> DirectoryRules.Op.ERASE;
      // An operation of a later release: answered as it stands, never guessed at.
      case UNKNOWN -> DirectoryRules.Op.RESOLVE;
    };
  }

  private static DirectoryEntry entry(final DirectoryRequest request, final DirectoryRecord record) {
    if (record == null) {
      return null;
    }
    return DirectoryEntry.newBuilder().setAppId(request.getAppId()).setLookup(request.getLookup())
        .setState(record.erased() ? DirectoryState.ERASED : DirectoryState.ACTIVE)
        .setPlayerRef(record.playerRef())
        .setWrappedKey(record.wrappedKey() == null ? null : ByteBuffer.wrap(record.wrappedKey()))
        .setSince(Instant.ofEpochMilli(record.since())).build();
  }

  private Optional<DirectoryRequest> decode(final Record<byte[], byte[]> record) {
    final Optional<String> key = DeadLetter.utf8(record.key());
    if (key.isEmpty()) {
      return deadLetter(record, DeadLetterReason.BAD_KEY, "the record key is missing or not UTF-8", null);
    }
    if (record.value() == null) {
      return deadLetter(record, DeadLetterReason.NULL_VALUE, "the record has no value", null);
    }
    final DirectoryRequest request;
    try {
      request = deserializer.deserialize(requestsTopic, record.headers(), record.value());
    } catch (final RuntimeException e) {
      if (!DecodeFailures.isPermanent(e)) {
        throw e;
      }
      return deadLetter(record, DeadLetterReason.UNDECODABLE, String.valueOf(e.getMessage()), e);
    }
    if (request == null || blank(request.getAppId()) || request.getAppId().contains("|")
        || blank(request.getLookup()) || request.getLookup().contains("|") || blank(request.getRequestId())
        || request.getRequestedAt() == null) {
      return deadLetter(record, DeadLetterReason.MISSING_FIELD, "appId, lookup, requestId or requestedAt is"
          + " missing, or appId or lookup contains '|'", null);
    }
    if (!key.get().equals(request.getAppId() + "|" + request.getLookup())) {
      return deadLetter(record, DeadLetterReason.KEY_MISMATCH, "record key differs from appId|lookup", null);
    }
    return Optional.of(request);
  }

  private Optional<DirectoryRequest> deadLetter(final Record<byte[], byte[]> record, final DeadLetterReason reason,
                                                final String detail, final RuntimeException failure) {
    observer.onDeadLetter(reason.name());
    context.forward(DeadLetter.of(record, context.recordMetadata(), reason, detail, failure));
    return Optional.empty();
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }
}
