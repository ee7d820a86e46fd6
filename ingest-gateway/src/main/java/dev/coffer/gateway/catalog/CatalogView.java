package dev.coffer.gateway.catalog;

import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.catalog.CatalogRecord;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import java.time.Duration;
import java.util.Comparator;
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
 * Every app's catalog in memory: {@code coffer.catalog} read from the start to its end at start, then
 * followed. Writers wait for their own record to come back ({@link #awaitApplied}), so a write is
 * visible to the next request.
 */
public final class CatalogView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogView.class);

  private final String topic;
  private final KafkaConsumer<String, CatalogRecord> consumer;
  private final ConcurrentMap<String, CatalogRecord> entries = new ConcurrentHashMap<>();
  private final Map<Integer, Long> applied = new HashMap<>();
  private final Object progress = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private Map<TopicPartition, Long> endAtStart = Map.of();
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile Throwable failure;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param registry the schema registry
   * @param topic {@code coffer.catalog}
   */
  public CatalogView(final Map<String, Object> clientConfig, final SchemaRegistry registry, final String topic) {
    this.topic = topic;
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "coffer-gateway-catalog");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new AvroDeserializer<>(registry, CatalogRecord.class, false));
    this.thread = new Thread(this::run, "coffer-gateway-catalog");
    thread.setDaemon(true);
  }

  /**
   * Reads the topic to its end as of now, then keeps following it.
   *
   * @param timeout bound of loading
   */
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
    for (final Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
      if (!awaitApplied(end.getKey().partition(), end.getValue() - 1, timeout)) {
        throw new IllegalStateException("the catalog did not load within " + timeout);
      }
    }
    LOG.info("Catalog loaded: {} entries", entries.size());
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been applied.
   *
   * @return whether it was within {@code timeout}
   */
  public boolean awaitApplied(final int partition, final long offset, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied.getOrDefault(partition, -1L) < offset) {
        final long left = deadline - System.nanoTime();
        if (left <= 0 || failure != null) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** A product of an app. */
  public Optional<Product> product(final String appId, final String productId) {
    final CatalogRecord r = entries.get(CatalogKeys.product(appId, productId));
    return r != null && r.getEntry() instanceof Product p ? Optional.of(p) : Optional.empty();
  }

  /** An item of an app. */
  public Optional<Item> item(final String appId, final String itemId) {
    final CatalogRecord r = entries.get(CatalogKeys.item(appId, itemId));
    return r != null && r.getEntry() instanceof Item i ? Optional.of(i) : Optional.empty();
  }

  /** Every product of an app, by id. */
  public List<Product> products(final String appId) {
    return entries.entrySet().stream().filter(e -> CatalogKeys.appId(e.getKey()).equals(appId))
        .map(e -> e.getValue().getEntry()).filter(Product.class::isInstance).map(Product.class::cast)
        .sorted(Comparator.comparing(Product::getProductId)).toList();
  }

  /** Every item of an app, by id. */
  public List<Item> items(final String appId) {
    return entries.entrySet().stream().filter(e -> CatalogKeys.appId(e.getKey()).equals(appId))
        .map(e -> e.getValue().getEntry()).filter(Item.class::isInstance).map(Item.class::cast)
        .sorted(Comparator.comparing(Item::getItemId)).toList();
  }

  /** Whether the follower runs. */
  public boolean healthy() {
    return started && running && failure == null && thread.isAlive();
  }

  private void run() {
    try {
      while (running) {
        try {
          for (final ConsumerRecord<String, CatalogRecord> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.value() == null) {
              entries.remove(r.key());
            } else {
              entries.put(r.key(), r.value());
            }
          }
        } catch (final RecordDeserializationException e) {
          LOG.error("Skipping undecodable catalog record at {} offset {}", e.topicPartition(), e.offset(), e);
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        markProgress();
      }
    } catch (final WakeupException e) {
      if (running) {
        failure = e;
        LOG.error("Catalog follower woken up unexpectedly", e);
      }
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("Catalog follower of {} died", topic, e);
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }

  private void markProgress() {
    synchronized (progress) {
      for (final TopicPartition p : consumer.assignment()) {
        // position - 1 is the last offset applied (compaction and transaction markers leave gaps).
        applied.put(p.partition(), consumer.position(p) - 1);
      }
      progress.notifyAll();
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
        LOG.warn("Catalog follower did not stop within 10 s");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
