package dev.coffer.ledger.it;

import dev.coffer.embedded.CofferStack;
import dev.coffer.ledger.it.LedgerModel.Ev;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the ledger's decided events per second on this machine: N pre-built events of the mixed
 * load (1,000 players) produced into a RUNNING ledger (one instance, one stream thread, exactly-once,
 * commit every 100 ms, default RocksDB budget), timed from the first send to the moment the N-th
 * committed outcome is read. A measurement, not a test: it asserts nothing.
 *
 * <pre>
 * java -cp "$(cat target/it.classpath):target/test-classes:target/classes" \
 *   -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.coffer --enable-native-access=ALL-UNNAMED \
 *   dev.coffer.ledger.it.LedgerThroughput 100000 4
 * </pre>
 */
public final class LedgerThroughput {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerThroughput.class);

  private LedgerThroughput() {
  }

  /**
   * Runs the measurement.
   *
   * @param args event count (default 100000) and partitions (default 4)
   * @throws IOException if the state folder cannot be made
   */
  public static void main(final String[] args) throws IOException {
    final int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    final Path state = Files.createTempDirectory("ledger-throughput");
    try (CofferStack stack = CofferStack.start()) {
      final LedgerIt.Topics topics = LedgerIt.createTopics(stack, "bench", partitions);
      final String appId = stack.uniqueName("game");
      final LoadGenerator load = new LoadGenerator(1L, appId, 1_000, partitions);
      load.generate(events);
      final List<ProducerRecord<String, LedgerEvent>> records = new ArrayList<>(events);
      for (final Ev ev : load.events()) {
        records.add(new ProducerRecord<>(topics.events(), null, ev.occurredAt(), ev.dedupeKey(), LedgerIt.toAvro(ev)));
      }
      final Map<String, String> settings = LedgerIt.settings(stack, stack.uniqueAppId("ledger-bench"), state);
      settings.remove(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES);
      settings.remove(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES);
      try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
          KafkaProducer<String, LedgerEvent> producer = LedgerIt.producer(stack, registry);
          LedgerService ledger = LedgerService.create(LedgerConfig.fromMap(settings),
              LedgerIt.ledgerTopics(topics))) {
        // Register the schema and warm the producer before the clock starts.
        ledger.start();
        dev.coffer.embedded.Await.until("the ledger is RUNNING", Duration.ofSeconds(60),
            () -> ledger.state() == KafkaStreams.State.RUNNING);
        final long started = System.nanoTime();
        final List<Future<RecordMetadata>> sent = new ArrayList<>(events);
        records.forEach(r -> sent.add(producer.send(r)));
        producer.flush();
        for (final Future<RecordMetadata> f : sent) {
          try {
            f.get(60, TimeUnit.SECONDS);
          } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing failed", e);
          }
        }
        final long produced = System.nanoTime();
        LedgerIt.readSome(stack, topics.outcomes(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
            events, r -> true, Duration.ofMinutes(10));
        final long done = System.nanoTime();
        final double seconds = (done - started) / 1e9;
        LOG.info(String.format(Locale.ROOT,
            "THROUGHPUT: %d events, %d partitions, 1 stream thread: produced in %.1f s, last outcome after %.1f s"
                + " = %.0f decided events/s", events, partitions, (produced - started) / 1e9, seconds,
            events / seconds));
      }
    }
  }
}
