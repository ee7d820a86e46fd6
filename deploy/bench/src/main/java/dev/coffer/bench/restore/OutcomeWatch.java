package dev.coffer.bench.restore;

import dev.coffer.bench.BenchKafka;
import dev.coffer.embedded.Await;
import dev.coffer.keys.PlayerKey;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.CofferTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code coffer.ledger-outcomes} as the gateway does (read_committed), from its end when started, on a
 * thread of its own: counts the tenant's outcomes, and notes when the outcome of a watched event becomes
 * visible ({@link System#nanoTime()}). Only watched players' outcomes are decoded.
 */
final class OutcomeWatch implements AutoCloseable {
  private static final Duration POSITIONED = Duration.ofSeconds(60);

  private final String tenantPrefix;
  private final Deserializer<LedgerOutcome> values;
  private final AtomicLong count = new AtomicLong();
  private final Set<String> watchedPlayers = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
  private final CountDownLatch positioned = new CountDownLatch(1);
  private final Thread reader;
  private volatile boolean closed;
  private volatile RuntimeException failure;

  private OutcomeWatch(final String bootstrapServers, final SchemaRegistry registry, final String appId) {
    this.tenantPrefix = appId + "|";
    this.values = new AvroSerde<>(registry, LedgerOutcome.class, false).deserializer();
    final Map<String, Object> config = BenchKafka.consumerConfig(bootstrapServers, "unused");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.reader = new Thread(() -> read(config), "restore-outcome-watch");
    reader.setDaemon(true);
  }

  /** Starts watching; returns once the reader sits at the topic's end. */
  static OutcomeWatch start(final String bootstrapServers, final SchemaRegistry registry, final String appId) {
    final OutcomeWatch watch = new OutcomeWatch(bootstrapServers, registry, appId);
    watch.reader.start();
    try {
      if (!watch.positioned.await(POSITIONED.toMillis(), TimeUnit.MILLISECONDS)) {
        watch.close();
        throw new IllegalStateException("the outcome reader found no position within " + POSITIONED);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.close();
      throw new IllegalStateException("interrupted", e);
    }
    watch.check();
    return watch;
  }

  private void read(final Map<String, Object> config) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = consumer.partitionsFor(CofferTopics.LEDGER_OUTCOMES.name(),
          Duration.ofSeconds(30)).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
      positioned.countDown();
      while (!closed) {
        for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          if (r.key() == null || !r.key().startsWith(tenantPrefix)) {
            continue;
          }
          count.incrementAndGet();
          if (watchedPlayers.contains(r.key())) {
            final long now = System.nanoTime();
            arrivals.putIfAbsent(values.deserialize(r.topic(), r.headers(), r.value()).getEventId().toString(), now);
          }
        }
      }
    } catch (final RuntimeException e) {
      failure = e;
      positioned.countDown();
    }
  }

  /** The tenant's outcomes seen since the start. */
  long count() {
    check();
    return count.get();
  }

  /** Watches {@code events}' outcomes from now on. */
  void watch(final Collection<LedgerEvent> events) {
    events.forEach(e -> watchedPlayers.add(PlayerKey.of(e.getAppId(), e.getPlayerRef())));
  }

  /** Waits until at least {@code outcomes} of the tenant's outcomes have been seen. */
  void awaitCount(final String what, final long outcomes, final Duration timeout) {
    Await.until(what + " (" + outcomes + " outcomes)", timeout, () -> count() >= outcomes);
  }

  /**
   * Waits for the outcomes of every one of {@code events} (watched beforehand).
   *
   * @return each event's id to the {@link System#nanoTime()} its outcome was seen, in {@code events}' order
   */
  Map<String, Long> awaitAll(final String what, final Collection<LedgerEvent> events, final Duration timeout) {
    Await.until(what, timeout, () -> {
      check();
      return events.stream().allMatch(e -> arrivals.containsKey(e.getEventId().toString()));
    });
    final Map<String, Long> out = new LinkedHashMap<>();
    events.forEach(e -> out.put(e.getEventId().toString(), arrivals.get(e.getEventId().toString())));
    return out;
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException("the outcome reader failed", failure);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      reader.join(Duration.ofSeconds(10));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the outcome reader", e);
    }
  }
}
