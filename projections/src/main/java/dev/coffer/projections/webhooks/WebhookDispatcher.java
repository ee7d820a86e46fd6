package dev.coffer.projections.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.WebhookSettings;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.outcomes.OutcomeRecords;
import dev.coffer.schemas.outcome.LedgerOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each app's webhooks from the outcome topic: a consumer group of its own (one member per
 * projections instance), one outcome at a time, every webhook of it delivered (2xx) or, after the
 * last attempt, parked in the dead-letter topic, and only then the outcome's offset committed. A
 * restart resumes after the last committed outcome: nothing is lost, and at most the webhooks of
 * one outcome are sent again, with the same delivery ids, which the receiver drops.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private volatile Throwable failure;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  /** Header of the delivery id (also the body's {@code id}). */
  public static final String DELIVERY_ID_HEADER = "Coffer-Delivery-Id";
  /** Header of the webhook type. */
  public static final String TYPE_HEADER = "Coffer-Event-Type";

  /**
   * How webhooks are sent.
   *
   * @param maxAttempts attempts before parking
   * @param backoff waits between attempts
   * @param requestTimeout the timeout of one attempt
   * @param fromBeginning whether a new group starts at the topic's beginning
   */
  public record Settings(int maxAttempts, Backoff backoff, Duration requestTimeout, boolean fromBeginning) {
  }

  /** Thrown inside the loop when {@link #close} interrupts a wait. */
  private static final class Stopping extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private final Apps apps;
  private final Settings settings;
  private final String deadLetterTopic;
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final KafkaConsumer<String, LedgerOutcome> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final HttpClient http;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private final String topic;

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} and security)
   * @param groupId the consumer group
   * @param topic the outcome topic
   * @param values the outcome deserializer
   * @param deadLetterTopic where undeliverable webhooks are parked
   * @param apps the apps and their webhook settings
   * @param settings attempts and backoff
   * @param json the JSON mapper of bodies
   * @param clock the signing clock
   * @param meters where delivery counters go
   */
  public WebhookDispatcher(final Map<String, Object> clientConfig, final String groupId, final String topic,
                           final Deserializer<LedgerOutcome> values, final String deadLetterTopic, final Apps apps,
                           final Settings settings, final ObjectMapper json, final Clock clock,
                           final MeterRegistry meters) {
    this.apps = Objects.requireNonNull(apps, "apps");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.topic = topic;
    final Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.fromBeginning() ? "earliest" : "latest");
    // One outcome per poll, and a poll interval longer than its worst case (every attempt of three
    // webhooks timing out, with the longest backoff between), so a slow receiver never costs the
    // group membership.
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    final long worstMs = 3L * settings.maxAttempts()
        * (settings.requestTimeout().toMillis() + settings.backoff().max().toMillis());
    consumerConfig.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
        worstMs + 60_000));
    this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), values);
    final Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
        .version(HttpClient.Version.HTTP_1_1).build();
    this.thread = Thread.ofPlatform().name("coffer-webhooks").daemon().unstarted(this::run);
  }

  /** Subscribes and starts sending. */
  public WebhookDispatcher start() {
    consumer.subscribe(List.of(topic));
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (stop.getCount() > 0) {
        for (final ConsumerRecord<String, LedgerOutcome> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() != null) {
            send(OutcomeRecords.outcome(record.value()));
          }
          consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1)));
        }
      }
    } catch (final Stopping | WakeupException e) {
      // close() was called: the outcome in progress is not committed and is sent again after a restart.
      LOG.info("Webhook dispatcher stopping");
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("Webhook dispatcher of {} stopped; webhooks resume from the last commit on restart", topic, e);
    } finally {
      consumer.close();
      producer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private void send(final EventOutcome outcome) throws Stopping {
    final List<WebhookEvent> events = WebhookEvents.of(outcome);
    if (events.isEmpty()) {
      return;
    }
    final Optional<WebhookSettings> target = apps.find(outcome.appId()).flatMap(App::webhooks);
    if (target.isEmpty()) {
      return;
    }
    for (final WebhookEvent event : events) {
      deliverOrPark(event, target.get());
    }
  }

  private void deliverOrPark(final WebhookEvent event, final WebhookSettings target) throws Stopping {
    final byte[] body = body(event);
    String lastError = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      lastError = attempt(event, body, target);
      if (lastError == null) {
        meters.counter("coffer.projections.webhooks", "type", event.type(), "result", "delivered").increment();
        return;
      }
      meters.counter("coffer.projections.webhooks", "type", event.type(), "result", "failed-attempt").increment();
      if (attempt < settings.maxAttempts()) {
        pause(settings.backoff().after(attempt));
      }
    }
    park(event, body, target, lastError);
  }

  /** One attempt; {@code null} on success, else why it failed. */
  private String attempt(final WebhookEvent event, final byte[] body, final WebhookSettings target) {
    final long now = clock.instant().getEpochSecond();
    final HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.header(now, body, target.secrets()))
        .header(DELIVERY_ID_HEADER, event.id())
        .header(TYPE_HEADER, event.type())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      final HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (final IOException e) {
      return e.toString();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private void park(final WebhookEvent event, final byte[] body, final WebhookSettings target,
                    final String lastError) {
    final ProducerRecord<String, byte[]> parked = new ProducerRecord<>(deadLetterTopic,
        event.appId() + "|" + event.playerRef(), body);
    parked.headers().add(DELIVERY_ID_HEADER, event.id().getBytes(StandardCharsets.UTF_8))
        .add(TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8))
        .add("coffer-webhook-url", target.url().toString().getBytes(StandardCharsets.UTF_8))
        .add("coffer-attempts", Integer.toString(settings.maxAttempts()).getBytes(StandardCharsets.UTF_8))
        .add("coffer-last-error", lastError.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(parked).get(30, TimeUnit.SECONDS);
    } catch (final ExecutionException | TimeoutException e) {
      // Not parked, so not committed: the loop stops and the outcome is retried after a restart.
      throw new IllegalStateException("cannot park webhook " + event.id() + " in " + deadLetterTopic, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parking webhook " + event.id(), e);
    }
    meters.counter("coffer.projections.webhooks", "type", event.type(), "result", "parked").increment();
    LOG.warn("Webhook {} ({}) to {} parked in {} after {} attempts: {}", event.id(), event.type(), target.url(),
        deadLetterTopic, settings.maxAttempts(), lastError);
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

  /** Why the dispatcher stopped on its own, if it did: {@code /health} reports it. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    stop.countDown();
    if (thread.isAlive()) {
      consumer.wakeup();
      try {
        if (!stopped.await(15, TimeUnit.SECONDS)) {
          LOG.warn("The webhook dispatcher did not stop within 15 s");
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close();
      producer.close(Duration.ofSeconds(5));
    }
  }
}
