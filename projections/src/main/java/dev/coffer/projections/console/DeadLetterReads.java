package dev.coffer.projections.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.deadletters.DeadLetterId;
import dev.coffer.projections.deadletters.DeadLetterLog;
import dev.coffer.projections.deadletters.DeadLetterViews;
import dev.coffer.projections.http.Access;
import dev.coffer.projections.webhooks.WebhookDispatcher;
import dev.coffer.projections.webhooks.WebhookEvent;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter endpoints, for a server key of the app: the ledger's and the webhooks' dead letters of
 * the app (records whose key starts with {@code appId|}; a record whose key names no app, such as bytes
 * that were never a Coffer event, is listed to no app), newest first, from the newest
 * {@code console.dead-letter-scan} records of each topic; and the re-drive of a parked webhook.
 */
final class DeadLetterReads {
  private static final int MAX_LIMIT = 500;
  private static final int DEFAULT_LIMIT = 100;

  private final Access access;
  private final DeadLetterLog ledger;
  private final DeadLetterLog webhooks;
  private final Supplier<WebhookDispatcher> dispatcher;
  private final long retryAfterSeconds;
  private final ObjectMapper json = ConsoleJson.MAPPER;

  /**
   * @param access authentication
   * @param ledger the ledger's dead letters
   * @param webhooks the webhooks' dead letters
   * @param dispatcher this instance's webhook dispatcher, or {@code null} while there is none (webhooks off)
   * @param retryAfterSeconds the {@code Retry-After} of a 503
   */
  DeadLetterReads(final Access access, final DeadLetterLog ledger, final DeadLetterLog webhooks,
                  final Supplier<WebhookDispatcher> dispatcher, final long retryAfterSeconds) {
    this.access = Objects.requireNonNull(access, "access");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * {@code GET /v1/apps/{appId}/ledger/dead-letters[?limit=N]}: the app's records the ledger could not take,
   * newest first, each with its reason ({@code coffer.dlq.reason}), detail and source; {@code limit} 1 to
   * 500 (default 100). 200 {@link DeadLetterList} of {@link DeadLetterViews.LedgerDeadLetter}; 400
   * {@code INVALID_LIMIT}; 401, 403 {@code KEY_NOT_ALLOWED}, 404 {@code UNKNOWN_APP}; 503
   * {@code KAFKA_UNAVAILABLE}.
   */
  void ledger(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    access.server(appId, ctx.header("Authorization"));
    final int limit = limit(ctx.queryParam("limit"));
    final List<ConsumerRecord<String, byte[]>> records = read(ledger::newest);
    ConsoleJson.answer(ctx, new DeadLetterList<>(appId, ledger.topic(), records.size(), records.stream()
        .filter(r -> ofApp(r, appId)).limit(limit).map(DeadLetterViews.LedgerDeadLetter::of).toList()));
  }

  /**
   * {@code GET /v1/apps/{appId}/webhooks/dead-letters[?limit=N]}: the app's webhooks that could not be
   * delivered, newest first, each with its delivery details and, when a later record in the scanned range
   * says so, what became of its re-drive. 200 {@link DeadLetterList} of
   * {@link DeadLetterViews.WebhookDeadLetter}; errors as {@link #ledger}.
   */
  void webhooks(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    access.server(appId, ctx.header("Authorization"));
    final int limit = limit(ctx.queryParam("limit"));
    final List<ConsumerRecord<String, byte[]>> records = read(webhooks::newest);
    final Map<String, DeadLetterViews.Redrive> redrives = new HashMap<>();
    // Oldest first, so that the newest report of a re-drive wins.
    for (final ConsumerRecord<String, byte[]> r : records.reversed()) {
      final String of = DeadLetterViews.redriveOf(r);
      if (of != null) {
        redrives.put(of, DeadLetterViews.Redrive.reportedBy(r));
      }
    }
    ConsoleJson.answer(ctx, new DeadLetterList<>(appId, webhooks.topic(), records.size(), records.stream()
        .filter(r -> ofApp(r, appId) && !DeadLetterViews.redriven(r)).limit(limit)
        .map(r -> DeadLetterViews.webhook(r, redrives.get(DeadLetterId.of(r.partition(), r.offset())), json))
        .toList()));
  }

  /**
   * {@code GET /v1/apps/{appId}/webhooks/dead-letters/{id}}: one parked webhook, with what became of its
   * re-drive (looked for among the {@code console.dead-letter-scan} records after it). 200
   * {@link DeadLetterViews.WebhookDeadLetter}; 400 {@code INVALID_DEAD_LETTER_ID}; 404
   * {@code DEAD_LETTER_NOT_FOUND} (none, expired, or of another app); otherwise as {@link #ledger}.
   */
  void webhook(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    access.server(appId, ctx.header("Authorization"));
    final DeadLetterId id = DeadLetterId.parse(ctx.pathParam("id"));
    final ConsumerRecord<String, byte[]> record = parked(appId, id);
    ConsoleJson.answer(ctx, DeadLetterViews.webhook(record, redrive(id), json));
  }

  /**
   * {@code POST /v1/apps/{appId}/webhooks/dead-letters/{id}/redrive}: hands a parked webhook back to the
   * app's delivery lane, to the app's webhook endpoint as configured now, with its original delivery id
   * (a receiver that already has it drops it). Idempotent: while a re-drive of it is queued here, and
   * once one was delivered, another request sends nothing again. 202 {@link RedriveAnswer} QUEUED (with
   * {@code Location}: the dead letter, whose {@code redrive} tells the result: DELIVERED, or PARKED_AGAIN
   * as a new dead letter); 200 {@link RedriveAnswer} DELIVERED (an earlier re-drive delivered it) or
   * PARKED_AGAIN (an earlier one failed: re-drive that one); 400 {@code INVALID_DEAD_LETTER_ID}; 404
   * {@code DEAD_LETTER_NOT_FOUND}; 409 {@code WEBHOOKS_NOT_CONFIGURED} (the app has no webhook endpoint);
   * 422 {@code DEAD_LETTER_UNREADABLE}; 503 {@code WEBHOOKS_DISABLED}, {@code QUEUE_FULL} (with
   * {@code Retry-After}), {@code KAFKA_UNAVAILABLE}.
   */
  void redrive(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    access.server(appId, ctx.header("Authorization"));
    final DeadLetterId id = DeadLetterId.parse(ctx.pathParam("id"));
    final WebhookDispatcher webhooksOut = dispatcher.get();
    if (webhooksOut == null) {
      throw ProblemException.unavailable("WEBHOOKS_DISABLED", "webhooks are not sent from this instance "
          + "(webhooks.enabled)", 60);
    }
    final ConsumerRecord<String, byte[]> record = parked(appId, id);
    final DeadLetterViews.Redrive earlier = redrive(id);
    if (earlier != null) {
      ConsoleJson.answer(ctx, new RedriveAnswer(id.toString(), deliveryId(record), earlier.state(), earlier
          .parkedAs()));
      return;
    }
    final WebhookEvent event;
    try {
      event = json.readValue(record.value(), WebhookEvent.class);
    } catch (final IOException | IllegalArgumentException e) {
      throw new ProblemException(422, "DEAD_LETTER_UNREADABLE", "dead letter " + id + " holds no webhook body: "
          + e.getMessage());
    }
    if (!appId.equals(event.appId())) {
      throw new ProblemException(422, "DEAD_LETTER_UNREADABLE", "dead letter " + id + " holds a webhook of app "
          + event.appId());
    }
    final String state = switch (webhooksOut.redrive(id.toString(), event)) {
      case QUEUED, ALREADY_QUEUED -> "QUEUED";
      case QUEUE_FULL -> throw ProblemException.unavailable("QUEUE_FULL", "app " + appId
          + "'s webhook queue is full; try again later", retryAfterSeconds);
      case NOT_CONFIGURED -> throw new ProblemException(409, "WEBHOOKS_NOT_CONFIGURED", "app " + appId
          + " has no webhook endpoint configured");
    };
    ctx.status(202).header("Location", "/v1/apps/" + appId + "/webhooks/dead-letters/" + id);
    ConsoleJson.answer(ctx, new RedriveAnswer(id.toString(), event.id(), state, null));
  }

  /**
   * The answer to a re-drive.
   *
   * @param id the dead letter
   * @param deliveryId the webhook's delivery id
   * @param state QUEUED, DELIVERED (by an earlier re-drive) or PARKED_AGAIN (an earlier re-drive failed)
   * @param parkedAs when PARKED_AGAIN: the new dead letter
   */
  record RedriveAnswer(String id, String deliveryId, String state, String parkedAs) {
  }

  /**
   * A listing of dead letters.
   *
   * @param appId the app
   * @param topic the topic read
   * @param scanned records read from its end (of every app)
   * @param deadLetters the app's, newest first
   * @param <T> the kind of dead letter
   */
  record DeadLetterList<T>(String appId, String topic, int scanned, List<T> deadLetters) {
  }

  private ConsumerRecord<String, byte[]> parked(final String appId, final DeadLetterId id) {
    return read(() -> webhooks.at(id)).filter(r -> ofApp(r, appId) && !DeadLetterViews.redriven(r))
        .orElseThrow(() -> new ProblemException(404, "DEAD_LETTER_NOT_FOUND", "no dead letter " + id + " of app "
            + appId + " in " + webhooks.topic()));
  }

  private DeadLetterViews.Redrive redrive(final DeadLetterId id) {
    return read(() -> webhooks.firstAfter(id, r -> id.toString().equals(DeadLetterViews.redriveOf(r))))
        .map(DeadLetterViews.Redrive::reportedBy).orElse(null);
  }

  private static String deliveryId(final ConsumerRecord<String, byte[]> r) {
    final Header header = r.headers().lastHeader(WebhookDispatcher.DELIVERY_ID_HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static boolean ofApp(final ConsumerRecord<String, byte[]> r, final String appId) {
    return r.key() != null && r.key().startsWith(appId + "|");
  }

  private <T> T read(final Supplier<T> read) {
    try {
      return read.get();
    } catch (final KafkaException | IllegalStateException e) {
      throw new ProblemException(503, "KAFKA_UNAVAILABLE", "the dead letters cannot be read now: " + e.getMessage(),
          retryAfterSeconds);
    }
  }

  private static int limit(final String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      final int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, "INVALID_LIMIT", "limit must be a whole number between 1 and " + MAX_LIMIT);
    }
    throw new ProblemException(400, "INVALID_LIMIT", "limit must be between 1 and " + MAX_LIMIT);
  }
}
