package dev.coffer.projections.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.webhooks.DeadLetterHeaders;
import dev.coffer.projections.webhooks.WebhookDispatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Dead-letter records as the console shows them. */
public final class DeadLetterViews {
  /**
   * The ledger's dead-letter headers (written by ledger-streams; the names are the topic's contract, kept
   * here as text because projections does not depend on the ledger).
   */
  static final String LEDGER_PREFIX = "coffer.dlq.";

  private DeadLetterViews() {
  }

  /**
   * A record the ledger could not take.
   *
   * @param id {@code <partition>-<offset>} in {@code coffer.ledger-dead-letters}
   * @param parkedAt when it was parked
   * @param key the record's key as received (the dedupe key)
   * @param reason why ({@code coffer.dlq.reason}: a stable code)
   * @param detail what exactly ({@code coffer.dlq.detail})
   * @param exception the exception, if one was thrown ({@code coffer.dlq.exception})
   * @param source where it was read: {@code topic-partition@offset}
   * @param valueBytes the size of the value as received
   * @param headers every {@code coffer.dlq.*} header
   */
  public record LedgerDeadLetter(String id, Instant parkedAt, String key, String reason, String detail,
                                 String exception, String source, int valueBytes, Map<String, String> headers) {
    /** The view of a record of the ledger's dead-letter topic. */
    public static LedgerDeadLetter of(final ConsumerRecord<String, byte[]> r) {
      final Map<String, String> headers = new TreeMap<>();
      for (final Header h : r.headers()) {
        if (h.key().startsWith(LEDGER_PREFIX) && h.value() != null) {
          headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
      }
      final String topic = headers.get(LEDGER_PREFIX + "source.topic");
      final String source = topic == null ? null : topic + "-" + headers.get(LEDGER_PREFIX + "source.partition")
          + "@" + headers.get(LEDGER_PREFIX + "source.offset");
      return new LedgerDeadLetter(DeadLetterId.of(r.partition(), r.offset()), Instant.ofEpochMilli(r.timestamp()),
          r.key(), headers.get(LEDGER_PREFIX + "reason"), headers.get(LEDGER_PREFIX + "detail"),
          headers.get(LEDGER_PREFIX + "exception"), source, r.value() == null ? 0 : r.value().length, headers);
    }
  }

  /**
   * A webhook that could not be delivered.
   *
   * @param id {@code <partition>-<offset>} in {@code coffer.projections-webhook-dead-letters}
   * @param parkedAt when it was parked
   * @param deliveryId the webhook's delivery id (the same on every attempt and re-drive)
   * @param type the webhook's type
   * @param url where it was sent
   * @param attempts attempts made (0: parked at once, the app's queue was full)
   * @param lastError why the last attempt failed
   * @param redriveOf when this is a re-drive that failed again: the dead letter re-driven
   * @param redrive what became of a re-drive of this dead letter, if one is known
   * @param body the webhook's JSON body as sent
   */
  public record WebhookDeadLetter(String id, Instant parkedAt, String deliveryId, String type, String url,
                                  Integer attempts, String lastError, String redriveOf, Redrive redrive,
                                  JsonNode body) {
  }

  /**
   * What became of a re-drive.
   *
   * @param state DELIVERED, or PARKED_AGAIN (as {@code parkedAs}), or QUEUED (in a lane now)
   * @param at when that was recorded
   * @param parkedAs the new dead letter, when parked again
   */
  public record Redrive(String state, Instant at, String parkedAs) {
    /** The re-drive a record of the topic reports, if it reports one ({@link DeadLetterHeaders#REDRIVE_OF}). */
    public static Redrive reportedBy(final ConsumerRecord<String, byte[]> r) {
      return redriven(r)
          ? new Redrive("DELIVERED", Instant.ofEpochMilli(r.timestamp()), null)
          : new Redrive("PARKED_AGAIN", Instant.ofEpochMilli(r.timestamp()), DeadLetterId.of(r.partition(), r
              .offset()));
    }
  }

  /** Whether a record of the webhook dead-letter topic is a re-drive marker, not a parked webhook. */
  public static boolean redriven(final ConsumerRecord<String, byte[]> r) {
    return DeadLetterHeaders.KIND_REDRIVEN.equals(header(r, DeadLetterHeaders.KIND));
  }

  /** The dead letter a record reports a re-drive of, or {@code null}. */
  public static String redriveOf(final ConsumerRecord<String, byte[]> r) {
    return header(r, DeadLetterHeaders.REDRIVE_OF);
  }

  /** The view of a parked webhook (not a marker), with what became of its re-drive, if known. */
  public static WebhookDeadLetter webhook(final ConsumerRecord<String, byte[]> r, final Redrive redrive,
                                          final ObjectMapper json) {
    final String attempts = header(r, DeadLetterHeaders.ATTEMPTS);
    JsonNode body;
    try {
      body = r.value() == null ? null : json.readTree(r.value());
    } catch (final IOException e) {
      // Shown as text: the operator still sees what was parked.
      body = json.getNodeFactory().textNode(new String(r.value(), StandardCharsets.UTF_8));
    }
    return new WebhookDeadLetter(DeadLetterId.of(r.partition(), r.offset()), Instant.ofEpochMilli(r.timestamp()),
        header(r, WebhookDispatcher.DELIVERY_ID_HEADER), header(r, WebhookDispatcher.TYPE_HEADER),
        header(r, DeadLetterHeaders.URL), attempts == null ? null : parseInt(attempts),
        header(r, DeadLetterHeaders.LAST_ERROR), redriveOf(r), redrive, body);
  }

  /** The attempts header as a number; a header that is not one shows as null (the raw headers are the topic's). */
  private static Integer parseInt(final String text) {
    try {
      return Integer.valueOf(text.trim());
    } catch (final NumberFormatException e) {
      return null;
    }
  }

  private static String header(final ConsumerRecord<String, byte[]> r, final String name) {
    final Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
