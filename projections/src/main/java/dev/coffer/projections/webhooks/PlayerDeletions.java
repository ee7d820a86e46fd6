package dev.coffer.projections.webhooks;

import dev.coffer.schemas.AvroBytes;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.schemas.privacy.PlayerDataKey;
import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.service.privacy.ExternalIds;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an erasure: follows {@code coffer.player-keys} in a consumer group of its own and, for each
 * key the directory marked erased, opens the external id sealed under it, has the one {@code player.deleted}
 * webhook sent (the dispatcher's lane of the app, behind the player's other webhooks of this instance), and
 * once it is delivered or parked, destroys the key: a tombstone, after which nothing sealed under it can be
 * read. An app without webhooks (or an instance with webhooks off) destroys the key at once. A record's
 * offset is committed only after its tombstone is written, so a restart sends the webhook again (same
 * delivery id) rather than keep a key.
 *
 * <p>Holds nothing per player: the erased record itself carries what the webhook needs.
 */
public final class PlayerDeletions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlayerDeletions.class);

  private final Apps apps;
  private final WebhookDispatcher dispatcher;
  private final String topic;
  private final PendingOffsets offsets = new PendingOffsets();
  private final KafkaProducer<String, byte[]> producer;
  private final TopicFollower<String, PlayerDataKey> follower;

  /**
   * @param clientConfig Kafka client settings
   * @param groupId the consumer group
   * @param topic {@code coffer.player-keys}
   * @param values the data key deserializer
   * @param apps the apps (their keys unwrap the data keys)
   * @param dispatcher the webhook dispatcher, or null when this instance sends no webhooks
   */
  public PlayerDeletions(final Map<String, Object> clientConfig, final String groupId, final String topic,
                         final Deserializer<PlayerDataKey> values, final Apps apps,
                         final WebhookDispatcher dispatcher) {
    this.apps = Objects.requireNonNull(apps, "apps");
    this.dispatcher = dispatcher;
    this.topic = Objects.requireNonNull(topic, "topic");
    final Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    final Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    // A key marked erased before this group first ran must still be destroyed.
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.follower = new TopicFollower<>(consumerConfig, new StringDeserializer(), values,
        new TopicFollower.Setup(topic, groupId, "coffer-player-deletions", 500, LOG, "Player deletions",
            "player keys", "player key", "erased players' keys are not destroyed until restart"),
        new Handler());
  }

  /** Joins the group and starts. */
  public PlayerDeletions start() {
    follower.joinGroup(offsets::onRebalance);
    return this;
  }

  /** Binds the consumer's and the producer's Kafka metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    follower.bindMetrics(metrics);
    metrics.bind(producer);
  }

  /** Why it stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return follower.failure();
  }

  private final class Handler implements TopicFollower.Handler<String, PlayerDataKey> {
    @Override
    public void handle(final ConsumerRecord<String, PlayerDataKey> record) {
      final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      offsets.start(partition, record.offset());
      final PlayerDataKey key = record.value();
      if (key == null || key.getErasedAt() == null) {
        offsets.finish(partition, record.offset());
        return;
      }
      final Runnable destroy = () -> {
        tombstone(record.key());
        offsets.finish(partition, record.offset());
      };
      final WebhookEvent deleted = WebhookEvents.playerDeleted(key.getAppId(), key.getPlayerRef(), externalId(key),
          key.getErasureEventId(), key.getErasureVersion() == null ? 0 : key.getErasureVersion(), key.getErasedAt());
      if (dispatcher == null || !dispatcher.playerDeleted(deleted, destroy)) {
        destroy.run();
      }
    }

    @Override
    public void afterPoll(final Consumer<String, PlayerDataKey> consumer) {
      offsets.commit(consumer);
    }
  }

  /** The external id sealed under the key, or null (logged) if it cannot be opened. */
  private String externalId(final PlayerDataKey key) {
    final Optional<App> app = apps.find(key.getAppId());
    if (app.isEmpty() || key.getEncryptedExternalId() == null) {
      LOG.warn("Erased player {} of app {}: no external id to send (app {}, id {})", key.getPlayerRef(),
          key.getAppId(), app.isPresent() ? "known" : "unknown", key.getEncryptedExternalId() == null ? "absent"
              : "present");
      return null;
    }
    try {
      final byte[] dataKey = app.get().dataKeys().unwrap(key.getPlayerRef(), AvroBytes.copyOf(key.getWrappedKey()));
      return ExternalIds.open(dataKey, key.getAppId(), key.getPlayerRef(), AvroBytes.copyOf(key
          .getEncryptedExternalId()));
    } catch (final RuntimeException e) {
      LOG.error("Erased player {} of app {}: the external id does not open; player.deleted goes without it",
          key.getPlayerRef(), key.getAppId(), e);
      return null;
    }
  }

  private void tombstone(final String key) {
    try {
      producer.send(new ProducerRecord<>(topic, key, null)).get(30, TimeUnit.SECONDS);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot destroy the data key " + key + " in " + topic, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted destroying the data key " + key, e);
    }
  }

  @Override
  public void close() {
    follower.close();
    producer.close(Duration.ofSeconds(5));
  }
}
