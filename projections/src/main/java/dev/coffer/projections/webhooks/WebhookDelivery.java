package dev.coffer.projections.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.apps.WebhookSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.coffer.topics.Topic;
import dev.coffer.schemas.webhooks.WebhookDeliveryRecord;
import dev.coffer.schemas.webhooks.WebhookResult;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one webhook: signed attempts with backoff until one is answered 2xx, or, after the last
 * attempt, parks it in the dead-letter topic with the delivery details in headers.
 */
final class WebhookDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final String METER = "coffer.projections.webhooks";

  /** {@link WebhookDispatcher#close} ended a wait: the webhook is neither delivered nor parked. */
  static final class Stopping extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private final WebhookDispatcher.Settings settings;
  private final String deadLetterTopic;
  private final Topic<String, WebhookDeliveryRecord> deliveries;
  private final Producer<String, byte[]> producer;
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final CountDownLatch stop;
  private final HttpClient http;

  WebhookDelivery(final WebhookDispatcher.Settings settings, final String deadLetterTopic,
                  final Topic<String, WebhookDeliveryRecord> deliveries,
                  final Producer<String, byte[]> producer, final ObjectMapper json, final Clock clock,
                  final MeterRegistry meters, final CountDownLatch stop) {
    this.settings = settings;
    this.deadLetterTopic = deadLetterTopic;
    this.deliveries = deliveries;
    this.producer = producer;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.stop = stop;
    this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * What became of one webhook.
   *
   * @param delivered whether the endpoint took it (2xx)
   * @param parkedAs when parked: its dead letter's id ({@code <partition>-<offset>})
   */
  record Result(boolean delivered, String parkedAs) {
  }

  /**
   * Delivers {@code event}, or parks it after the last attempt.
   *
   * @param redriveOf the dead letter this delivery re-drives, or {@code null}; a webhook parked again
   *     names it in {@value DeadLetterHeaders#REDRIVE_OF}
   */
  Result deliverOrPark(final WebhookEvent event, final WebhookSettings target, final String redriveOf)
      throws Stopping {
    final byte[] body = body(event);
    String lastError = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      lastError = attempt(event, body, target);
      if (lastError == null) {
        meters.counter(METER, "type", event.type(), "result", "delivered").increment();
        record(event, WebhookResult.DELIVERED, attempt);
        return new Result(true, null);
      }
      meters.counter(METER, "type", event.type(), "result", "failed-attempt").increment();
      if (attempt < settings.maxAttempts()) {
        pause(settings.backoff().after(attempt));
      }
    }
    return new Result(false, park(event, target, settings.maxAttempts(), lastError, redriveOf));
  }

  /** One attempt; {@code null} on success, else why it failed. */
  private String attempt(final WebhookEvent event, final byte[] body, final WebhookSettings target) throws Stopping {
    final long now = clock.instant().getEpochSecond();
    final HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.header(now, body, target.secrets()))
        .header(WebhookDispatcher.DELIVERY_ID_HEADER, event.id())
        .header(WebhookDispatcher.TYPE_HEADER, event.type())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      final HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (final IOException e) {
      return e.toString();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopping();
    }
  }

  /**
   * Parks {@code event} in the dead-letter topic, waiting until the broker has it.
   *
   * @param redriveOf the dead letter a re-drive of which failed again, or {@code null}
   * @return the new dead letter's id ({@code <partition>-<offset>})
   * @throws IllegalStateException if it cannot be parked: the caller must not commit past it
   */
  String park(final WebhookEvent event, final WebhookSettings target, final int attempts, final String lastError,
              final String redriveOf) {
    // Parked without the external id: the dead letters outlive the erased player's data key.
    final ProducerRecord<String, byte[]> parked = new ProducerRecord<>(deadLetterTopic,
        event.appId() + "|" + event.playerRef(), body(event.withoutPlayerId()));
    parked.headers().add(WebhookDispatcher.DELIVERY_ID_HEADER, utf8(event.id()))
        .add(WebhookDispatcher.TYPE_HEADER, utf8(event.type()))
        .add(DeadLetterHeaders.URL, utf8(target.url().toString()))
        .add(DeadLetterHeaders.ATTEMPTS, utf8(Integer.toString(attempts)))
        .add(DeadLetterHeaders.LAST_ERROR, utf8(lastError));
    if (redriveOf != null) {
      parked.headers().add(DeadLetterHeaders.REDRIVE_OF, utf8(redriveOf));
    }
    final String id = send(parked, "park webhook " + event.id());
    meters.counter(METER, "type", event.type(), "result", "parked").increment();
    record(event, WebhookResult.PARKED, attempts);
    LOG.warn("Webhook {} ({}) to {} parked in {} as {} after {} attempts: {}", event.id(), event.type(), target.url(),
        deadLetterTopic, id, attempts, lastError);
    return id;
  }

  /**
   * Records in the dead-letter topic that dead letter {@code redriveOf} was re-driven and delivered: a
   * record with no value, marked {@value DeadLetterHeaders#KIND} {@value DeadLetterHeaders#KIND_REDRIVEN},
   * so that a second re-drive of it answers that it was delivered instead of sending it again.
   */
  void markRedriven(final WebhookEvent event, final String redriveOf) {
    final ProducerRecord<String, byte[]> marker = new ProducerRecord<>(deadLetterTopic,
        event.appId() + "|" + event.playerRef(), new byte[0]);
    marker.headers().add(DeadLetterHeaders.KIND, utf8(DeadLetterHeaders.KIND_REDRIVEN))
        .add(DeadLetterHeaders.REDRIVE_OF, utf8(redriveOf))
        .add(WebhookDispatcher.DELIVERY_ID_HEADER, utf8(event.id()))
        .add(WebhookDispatcher.TYPE_HEADER, utf8(event.type()));
    send(marker, "record the re-drive of dead letter " + redriveOf);
    LOG.info("Dead letter {} (webhook {}) re-driven and delivered", redriveOf, event.id());
  }

  private String send(final ProducerRecord<String, byte[]> record, final String what) {
    try {
      final RecordMetadata written = producer.send(record).get(30, TimeUnit.SECONDS);
      return written.partition() + "-" + written.offset();
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot " + what + " in " + record.topic(), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: cannot " + what + " in " + record.topic(), e);
    }
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Records a webhook sent for the player's export (not {@code player.deleted}: the player is gone by then).
   *
   * @throws IllegalStateException if the broker does not take it: the caller must not commit past it
   */
  private void record(final WebhookEvent event, final WebhookResult result, final int attempts) {
    if (WebhookEvents.PLAYER_DELETED.equals(event.type())) {
      return;
    }
    final WebhookDeliveryRecord value = WebhookDeliveryRecord.newBuilder().setAppId(event.appId())
        .setPlayerRef(event.playerRef()).setDeliveryId(event.id()).setType(event.type())
        .setEventId(event.eventId()).setVersion(event.version()).setResult(result).setAttempts(attempts)
        .setAt(clock.instant()).build();
    send(new ProducerRecord<>(deliveries.name(), event.appId() + "|" + event.playerRef(),
        deliveries.valueSerde().serializer().serialize(deliveries.name(), value)),
        "record webhook " + event.id());
  }

  private void pause(final Duration delay) throws Stopping {
    try {
      // The backoff itself; close() ends it at once.
      if (stop.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new Stopping();
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopping();
    }
  }

  private byte[] body(final WebhookEvent event) {
    try {
      return json.writeValueAsBytes(event);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write webhook " + event.id(), e);
    }
  }
}
