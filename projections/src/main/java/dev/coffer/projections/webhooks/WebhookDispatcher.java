package dev.coffer.projections.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.WebhookSettings;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.outcomes.OutcomeRecords;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.topics.Topic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import dev.coffer.schemas.webhooks.WebhookDeliveryRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each app's webhooks from the outcome topic, in a consumer group of its own (one member per
 * projections instance). Apps are isolated: each has its own {@link AppLane} (bounded queues, parallel
 * workers, a player's webhooks in order), so one app's dead endpoint delays no other app. An outcome's
 * offset is committed only once every webhook of it, and of every outcome before it in its partition,
 * is delivered (2xx) or parked in the dead-letter topic: nothing is lost. When an app's queue is full
 * (its endpoint is far behind) its next webhooks are parked at once rather than held, which keeps
 * memory bounded and the other apps moving. A restart, or a rebalance, sends again what was not
 * committed, with the same delivery ids, which the receiver drops.
 */
public final class WebhookDispatcher implements AutoCloseable {
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
   * @param parallelism deliveries in flight at once per app
   * @param queueCapacity webhook records waiting per app before the next are parked at once
   */
  public record Settings(int maxAttempts, Backoff backoff, Duration requestTimeout, boolean fromBeginning,
                         int parallelism, int queueCapacity) {
  }

  private final Apps apps;
  private final Map<String, AppLane> lanes = new HashMap<>();
  private final PendingOffsets offsets = new PendingOffsets();
  private final KafkaProducer<String, byte[]> producer;
  private final WebhookDelivery delivery;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicReference<RuntimeException> laneFailure = new AtomicReference<>();
  private final TopicFollower<String, LedgerOutcome> follower;
  /** Dead letters whose re-drive is in a lane of this instance. */
  private final Set<String> redriving = ConcurrentHashMap.newKeySet();

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} and security)
   * @param groupId the consumer group
   * @param topic the outcome topic
   * @param deadLetterTopic where undeliverable webhooks are parked
   * @param deliveries where every webhook delivered or parked is recorded (the export's list)
   * @param apps the apps and their webhook settings
   * @param settings attempts, backoff and isolation
   * @param json the JSON mapper of bodies
   * @param clock the signing clock
   * @param meters where delivery counters go
   */
  public WebhookDispatcher(final Map<String, Object> clientConfig, final String groupId,
                           final Topic<String, LedgerOutcome> topic, final String deadLetterTopic,
                           final Topic<String, WebhookDeliveryRecord> deliveries, final Apps apps,
                           final Settings settings, final ObjectMapper json, final Clock clock,
                           final MeterRegistry meters) {
    this.apps = Objects.requireNonNull(apps, "apps");
    final Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    this.delivery = new WebhookDelivery(settings, Objects.requireNonNull(deadLetterTopic, "deadLetterTopic"),
        Objects.requireNonNull(deliveries, "deliveries"), producer, json, clock, meters, stop);
    for (final App app : apps.all()) {
      if (app.webhooks().isPresent()) {
        final AppLane lane = new AppLane(app.appId(), settings.parallelism(), settings.queueCapacity(), delivery,
            e -> laneFailure.compareAndSet(null, e));
        lanes.put(app.appId(), lane);
        Gauge.builder("coffer.projections.webhooks.queued", lane, AppLane::queued).tag("app", app.appId())
            .description("Webhook records waiting for delivery, by app").register(meters);
      }
    }
    final Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.fromBeginning() ? "earliest" : "latest");
    this.follower = TopicFollower.of(consumerConfig, topic,
        new TopicFollower.Setup(topic.name(), groupId, "coffer-webhooks", 500, LOG, "Webhook dispatcher", "webhooks",
            "outcome", "webhooks resume from the last commit on restart"),
        new Handler());
  }

  /** Joins the group and starts sending. */
  public WebhookDispatcher start() {
    follower.joinGroup(offsets::onRebalance);
    return this;
  }

  /** Binds the consumer's and the dead-letter producer's Kafka metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    follower.bindMetrics(metrics);
    metrics.bind(producer);
  }

  /** Reads outcomes into the apps' lanes and commits what is finished, on the follower's thread. */
  private final class Handler implements TopicFollower.Handler<String, LedgerOutcome> {
    @Override
    public void handle(final ConsumerRecord<String, LedgerOutcome> record) {
      final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      offsets.start(partition, record.offset());
      final EventOutcome outcome = record.value() == null ? null : OutcomeRecords.outcome(record.value());
      final List<WebhookEvent> events = outcome == null ? List.of() : WebhookEvents.of(outcome);
      final Optional<WebhookSettings> target = outcome == null ? Optional.empty()
          : apps.find(outcome.appId()).flatMap(App::webhooks);
      final AppLane lane = outcome == null ? null : lanes.get(outcome.appId());
      if (events.isEmpty() || target.isEmpty() || lane == null) {
        offsets.finish(partition, record.offset());
        return;
      }
      final AppLane.Job job = AppLane.Job.of(events, target.get(), offsets, partition, record.offset());
      if (!lane.offer(outcome.playerRef(), job)) {
        // The app's endpoint is far behind: park rather than hold, so memory stays bounded and the
        // poll loop, and with it every other app, keeps moving.
        for (final WebhookEvent event : events) {
          delivery.park(event, target.get(), 0, "queue full: app " + outcome.appId() + " has "
              + lane.queued() + " webhook records waiting", null);
        }
        offsets.finish(partition, record.offset());
      }
    }

    @Override
    public void afterPoll(final Consumer<String, LedgerOutcome> consumer) {
      final RuntimeException failed = laneFailure.get();
      if (failed != null) {
        throw new IllegalStateException("a webhook could be neither delivered nor parked", failed);
      }
      offsets.commit(consumer);
    }
  }

  /**
   * Queues an erased player's {@code player.deleted} webhook in its app's lane, behind the player's other
   * webhooks of this instance; past a full queue it is parked (without the external id) at once.
   *
   * @param event the webhook
   * @param done run once it is delivered or parked
   * @return false when the app has no webhooks: nothing was queued and {@code done} was not run
   */
  public boolean playerDeleted(final WebhookEvent event, final Runnable done) {
    final Optional<WebhookSettings> target = apps.find(event.appId()).flatMap(App::webhooks);
    final AppLane lane = lanes.get(event.appId());
    if (target.isEmpty() || lane == null) {
      return false;
    }
    if (!lane.offer(event.playerRef(), new AppLane.Job(List.of(event), target.get(), null, results -> done.run()))) {
      delivery.park(event, target.get(), 0, "queue full: app " + event.appId() + " has " + lane.queued()
          + " webhook records waiting", null);
      done.run();
    }
    return true;
  }

  /** What a re-drive request came to. */
  public enum Redrive {
    /** Handed to the app's lane. */
    QUEUED,
    /** A re-drive of the same dead letter is already in this instance's lane. */
    ALREADY_QUEUED,
    /** The app's lane is full: try again later. */
    QUEUE_FULL,
    /** The app has no webhooks configured (now). */
    NOT_CONFIGURED
  }

  /**
   * Hands a parked webhook back to its app's delivery lane, to the app's webhook settings as they are
   * now (the endpoint may have been fixed since), with its delivery id, so a receiver that already has
   * it drops it. Delivered, a marker records it in the dead-letter topic
   * ({@link WebhookDelivery#markRedriven}); failed again, it is parked again naming {@code deadLetterId}
   * ({@value DeadLetterHeaders#REDRIVE_OF}). A stop in between leaves neither, so it can be re-driven again.
   *
   * @param deadLetterId the dead letter's id ({@code <partition>-<offset>})
   * @param event the webhook it holds
   * @return what came of the request
   */
  public Redrive redrive(final String deadLetterId, final WebhookEvent event) {
    final AppLane lane = lanes.get(event.appId());
    final Optional<WebhookSettings> target = apps.find(event.appId()).flatMap(App::webhooks);
    if (lane == null || target.isEmpty()) {
      return Redrive.NOT_CONFIGURED;
    }
    if (!redriving.add(deadLetterId)) {
      return Redrive.ALREADY_QUEUED;
    }
    final AppLane.Job job = new AppLane.Job(List.of(event), target.get(), deadLetterId, results -> {
      try {
        if (results.get(0).delivered()) {
          delivery.markRedriven(event, deadLetterId);
        }
      } finally {
        redriving.remove(deadLetterId);
      }
    });
    if (!lane.offer(event.playerRef(), job)) {
      redriving.remove(deadLetterId);
      return Redrive.QUEUE_FULL;
    }
    return Redrive.QUEUED;
  }

  /** Why the dispatcher stopped on its own, if it did: health reports it. */
  public Optional<Throwable> failure() {
    return follower.failure();
  }

  @Override
  public void close() {
    stop.countDown();
    lanes.values().forEach(AppLane::close);
    follower.close();
    producer.close(Duration.ofSeconds(5));
  }
}
