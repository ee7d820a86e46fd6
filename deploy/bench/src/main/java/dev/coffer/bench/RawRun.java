package dev.coffer.bench;

import dev.coffer.bench.http.Latencies;
import dev.coffer.bench.load.MixedEvents;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw broker on the same machine in the same run: what the ledger and the write path are
 * measured against.
 * <ul>
 *   <li><b>ceiling</b>: N Coffer-shaped events ({@code LedgerEvent} Avro values, dedupe keys) produced
 *       with an idempotent {@code acks=all} producer, then read back read_committed and decoded; after
 *       a warm-up of the same shape, so JIT and page cache are warm as they are for the ledger;</li>
 *   <li><b>latency</b>: records sent at a steady rate, each timed from before its send to its arrival at
 *       a read_committed consumer: the floor any write-then-read path on this broker pays.</li>
 * </ul>
 */
final class RawRun {
  /** The ceiling's measured events. */
  static final String TOPIC = "bench.raw";
  /** The ceiling's warm-up events. */
  static final String WARM_UP_TOPIC = "bench.raw-warm-up";
  private final CofferStack stack;
  private final RestSchemaRegistry registry;
  private final int players;
  private final int partitions;

  RawRun(final CofferStack stack, final RestSchemaRegistry registry, final int players, final int partitions) {
    this.stack = stack;
    this.registry = registry;
    this.players = players;
    this.partitions = partitions;
  }

  /** Produce-then-consume events/s over {@code events}, after a warm-up of {@code warmUp}. */
  double ceiling(final int warmUp, final int events, final Report report) {
    once(WARM_UP_TOPIC, warmUp);
    final long[] nanos = once(TOPIC, events);
    final double produce = events / (nanos[0] / 1e9);
    final double consume = events / (nanos[1] / 1e9);
    final double both = events / ((nanos[0] + nanos[1]) / 1e9);
    report.row("raw produce (idempotent, acks=all)", Report.rate(produce, "events"), Report.seconds(nanos[0]));
    report.row("raw consume (read_committed, Avro decode)", Report.rate(consume, "events"),
        Report.seconds(nanos[1]));
    report.row("raw produce then consume (ceiling)", Report.rate(both, "events"),
        String.format("%,d events after a %,d-event warm-up, %d partitions", events, warmUp, partitions));
    report.put("raw", Map.of("events", events, "warmUpEvents", warmUp, "partitions", partitions,
        "produceEventsPerSecond", produce, "consumeEventsPerSecond", consume,
        "produceThenConsumeEventsPerSecond", both));
    return both;
  }

  private long[] once(final String topic, final int events) {
    final List<LedgerEvent> load = new MixedEvents(42L, "benchraw", players, partitions).next(events);
    BenchKafka.createTopics(stack.admin(), List.of(topic), partitions);
    final List<ProducerRecord<String, LedgerEvent>> records = new ArrayList<>(events);
    load.forEach(e -> records.add(new ProducerRecord<>(topic, null, e.getOccurredAt().toEpochMilli(),
        e.getDedupeKey(), e)));
    final Serializer<LedgerEvent> values = new AvroSerde<>(registry, LedgerEvent.class, false).serializer();
    values.serialize(topic, load.get(0)); // registers the schema before the clock starts
    final long produceNanos;
    try (KafkaProducer<String, LedgerEvent> producer = new KafkaProducer<>(
        BenchKafka.producerConfig(stack.bootstrapServers()), new StringSerializer(), values)) {
      final long t0 = System.nanoTime();
      BenchKafka.sendAll(producer, records, Duration.ofMinutes(3));
      produceNanos = System.nanoTime() - t0;
    }
    final long t1 = System.nanoTime();
    final long read = BenchKafka.await(BenchKafka.countAsync(
        BenchKafka.consumerConfig(stack.bootstrapServers(), stack.uniqueName(topic + "-reader")), topic,
        new StringDeserializer(), new AvroSerde<>(registry, LedgerEvent.class, false).deserializer(), events,
        r -> true, Duration.ofMinutes(5)), Duration.ofMinutes(6), "reading " + topic);
    return new long[] {produceNanos, read - t1};
  }

  /**
   * Produce-to-read_committed-consume latency at a steady {@code perSecond} for {@code duration}.
   *
   * @return the latencies
   */
  Latencies latency(final int perSecond, final Duration duration, final Report report) {
    final String topic = "bench.raw-latency";
    BenchKafka.createTopics(stack.admin(), List.of(topic), partitions);
    final Map<String, Object> consumerConfig = new HashMap<>(
        BenchKafka.consumerConfig(stack.bootstrapServers(), stack.uniqueName("bench-raw-latency")));
    consumerConfig.put("fetch.max.wait.ms", 10);
    final Recorder recorder = new Recorder(3);
    final AtomicLong received = new AtomicLong();
    final long total = perSecond * duration.toSeconds();
    final CountDownLatch assigned = new CountDownLatch(1);
    final Thread reader = new Thread(() -> {
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
          new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(topic));
        while (consumer.assignment().isEmpty()) {
          consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        assigned.countDown();
        final long deadline = System.nanoTime() + duration.plusSeconds(60).toNanos();
        while (received.get() < total && System.nanoTime() - deadline < 0) {
          for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            final long sentNanos = Long.parseLong(r.key());
            recorder.recordValue(Math.max(1, (System.nanoTime() - sentNanos) / 1_000));
            received.incrementAndGet();
          }
        }
      }
    }, "bench-raw-latency-reader");
    reader.setDaemon(true);
    reader.start();
    final Map<String, Object> producerConfig = new HashMap<>(BenchKafka.producerConfig(stack.bootstrapServers()));
    producerConfig.put("linger.ms", 1);
    final long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
        (t, v) -> v)) {
      // The first timed record is sent once the reader holds its partitions and positions.
      Await.until("the raw latency reader's assignment", Duration.ofSeconds(60), () -> assigned.getCount() == 0);
      final long first = System.nanoTime();
      for (long i = 0; i < total; i++) {
        BenchKafka.sleepUntil(first + i * 1_000_000_000L / perSecond);
        producer.send(new ProducerRecord<>(topic, Long.toString(System.nanoTime()), new byte[200]));
      }
      producer.flush();
    }
    try {
      reader.join(Duration.ofSeconds(60));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing the raw latency", e);
    }
    final Histogram histogram = recorder.getIntervalHistogram();
    final Latencies l = new Latencies(received.get(), total - received.get(),
        (System.nanoTime() - started) / 1e9, histogram);
    report.row("raw produce -> read_committed consume latency", Report.latencies(l).split(";")[0],
        String.format("%,d records at %,d/s, 200 bytes", total, perSecond));
    report.put("rawLatency", Report.json(l, 1));
    return l;
  }
}
