package dev.coffer.ledger.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input record bound for {@code coffer.ledger-dead-letters}, as the bytes that arrived; the
 * reason, detail, exception and source position travel in its headers. Both ledger stages that read
 * raw bytes (dedupe over {@code coffer.ledger-events}, the fold over {@code coffer.ledger-sequence})
 * make them here, so every dead letter looks the same.
 *
 * @param key the record key as it arrived, may be {@code null}
 * @param value the record value as it arrived, may be {@code null}
 */
public record DeadLetter(byte[] key, byte[] value) {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetter.class);

  /**
   * The dead-letter record of an input record: logged at WARN, with headers.
   *
   * @param record the input record
   * @param source where it was read from, if known
   * @param reason why it is dead
   * @param detail a human-readable explanation
   * @param failure what the decoder threw, or {@code null}
   * @param <K> the output key type of the calling processor (the key is {@code null})
   * @return the record to forward to the dead-letter sink
   */
  public static <K> Record<K, Object> of(final Record<byte[], byte[]> record, final Optional<RecordMetadata> source,
                                         final DeadLetterReason reason, final String detail,
                                         final RuntimeException failure) {
    final Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(DeadLetterHeaders.REASON, utf8(reason.name()));
    headers.add(DeadLetterHeaders.DETAIL, utf8(detail));
    if (failure != null) {
      headers.add(DeadLetterHeaders.EXCEPTION, utf8(failure.getClass().getName()));
    }
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
    return new Record<>(null, new DeadLetter(record.key(), record.value()), record.timestamp(), headers);
  }

  /**
   * Decodes strict UTF-8.
   *
   * @param bytes the bytes, may be {@code null}
   * @return the text, or empty if absent or not valid UTF-8 (the caller dead-letters it: BAD_KEY)
   */
  public static Optional<String> utf8(final byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (final CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static byte[] utf8(final String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
