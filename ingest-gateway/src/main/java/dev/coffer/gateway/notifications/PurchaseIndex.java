package dev.coffer.gateway.notifications;

import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.Store;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which player a store purchase belongs to, for store notifications (which name a transaction, never
 * a player): every applied purchase of {@code coffer.purchase-log}, read from the start and followed,
 * by {@code (appId, store, transactionId)} and {@code (appId, store, purchaseToken)}. Apple's first
 * transaction id is a subscription's {@code originalTransactionId}, so renewals find their player too.
 *
 * <p>Held in memory (about 200 bytes a purchase): fine for millions of purchases; beyond that the
 * index belongs in a compacted topic or a projections query.
 */
public final class PurchaseIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PurchaseIndex.class);

  /**
   * A recorded purchase.
   *
   * @param playerRef its player
   * @param transactionId its transaction id
   * @param productId Coffer's product id
   */
  public record Purchase(String playerRef, String transactionId, String productId) {
  }

  private final String topic;
  private final KafkaConsumer<String, PurchaseLogEntry> consumer;
  private final ConcurrentMap<String, Purchase> byId = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final Thread thread;
  private Map<TopicPartition, Long> endAtStart = Map.of();
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile Throwable failure;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param registry the schema registry
   * @param topic {@code coffer.purchase-log}
   */
  public PurchaseIndex(final Map<String, Object> clientConfig, final SchemaRegistry registry, final String topic) {
    this.topic = topic;
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "coffer-gateway-purchases");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new AvroDeserializer<>(registry, PurchaseLogEntry.class, false));
    this.thread = new Thread(this::run, "coffer-gateway-purchase-index");
    thread.setDaemon(true);
  }

  /** Reads the topic to its end as of now (bounded), then keeps following it. */
  public void start(final Duration timeout) {
    final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions (is it created?)");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    endAtStart = consumer.endOffsets(partitions, timeout);
    started = true;
    thread.start();
    try {
      if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the purchase index did not load within " + timeout);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted loading the purchase index", e);
    }
    LOG.info("Purchase index loaded: {} keys", byId.size());
  }

  /** The purchase of {@code transactionId} (or purchase token) in {@code store}, if recorded. */
  public Optional<Purchase> find(final String appId, final Store store, final String transactionIdOrToken) {
    return transactionIdOrToken == null ? Optional.empty()
        : Optional.ofNullable(byId.get(key(appId, store, transactionIdOrToken)));
  }

  /** Whether the follower runs. */
  public boolean healthy() {
    return started && running && failure == null && thread.isAlive();
  }

  private static String key(final String appId, final Store store, final String id) {
    return appId + "|" + store.name() + "|" + id;
  }

  private void run() {
    try {
      while (running) {
        try {
          for (final ConsumerRecord<String, PurchaseLogEntry> r : consumer.poll(Duration.ofMillis(200))) {
            final PurchaseLogEntry e = r.value();
            if (e != null && e.getEntryType() == PurchaseLogEntryType.PURCHASE) {
              final Purchase purchase = new Purchase(e.getPlayerRef(), e.getMarketOrderId(), e.getProductId());
              byId.putIfAbsent(key(e.getAppId(), e.getStore(), e.getMarketOrderId()), purchase);
              if (e.getPurchaseToken() != null) {
                byId.putIfAbsent(key(e.getAppId(), e.getStore(), e.getPurchaseToken()), purchase);
              }
            }
          }
        } catch (final RecordDeserializationException e) {
          LOG.error("Skipping undecodable purchase-log record at {} offset {}", e.topicPartition(), e.offset(), e);
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        if (loaded.getCount() > 0 && endAtStart.entrySet().stream()
            .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
          loaded.countDown();
        }
      }
    } catch (final WakeupException e) {
      if (running) {
        failure = e;
        LOG.error("Purchase index woken up unexpectedly", e);
      }
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("Purchase index of {} died; store notifications answer UNKNOWN_PURCHASE for new purchases", topic, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }

  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("Purchase index did not stop within 10 s");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
