package dev.coffer.bench;

import dev.coffer.embedded.CofferStack;
import dev.coffer.service.streams.StreamsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor of any exactly-once application with the ledger's I/O and none of its work: one thread reads events
 * read_committed and, in a transaction committed with the consumed offsets once per commit interval, appends as
 * many records per event as the ledger appended (its outcomes, changes and changelogs, less the input the gateway
 * wrote), copies of the event's own bytes. No decoding, no state, no Streams. The ledger runs one stream thread,
 * so this runs one too, with the latency defaults Coffer's Streams services start from, read from
 * {@link StreamsSettings} so that the two cannot drift apart ({@code poll.ms}, the main consumer's
 * {@code fetch.max.wait.ms}, the producer's {@code linger.ms}).
 *
 * <p>What it answers: how much of the gap between the ledger's exactly-once rate and the raw produce-then-consume
 * ceiling is the I/O an exactly-once ledger must do on this broker, and how much is the ledger's own work.
 */
final class ExactlyOnceShape {
  private static final Duration POLL = Duration.ofMillis(StreamsSettings.DEFAULT_POLL_MS);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final CofferStack stack;
  private final int partitions;

  ExactlyOnceShape(final CofferStack stack, final int partitions) {
    this.stack = stack;
    this.partitions = partitions;
  }

  /**
   * Copies {@code events} records of {@code input} (already written) through transactions.
   *
   * @param input a topic holding at least {@code events} committed records
   * @param events how many to read
   * @param appendsPerEvent records appended per record read (a fraction spreads evenly over the events)
   * @param commitInterval how long a transaction stays open
   * @return events/s from the first record read to the last transaction's commit
   */
  double run(final String input, final int events, final double appendsPerEvent, final Duration commitInterval) {
    final int outputCount = Math.max(1, (int) Math.ceil(appendsPerEvent));
    final List<String> outputs = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      outputs.add(stack.uniqueName("bench.eos-shape-out-" + i));
    }
    BenchKafka.createTopics(stack.admin(), outputs, partitions);
    final Map<String, Object> consumerConfig = new HashMap<>(
        BenchKafka.consumerConfig(stack.bootstrapServers(), stack.uniqueName("bench-eos-shape")));
    consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, StreamsSettings.DEFAULT_FETCH_MAX_WAIT_MS);
    // Kafka Streams' own main-consumer value.
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    final Map<String, Object> producerConfig = new HashMap<>(BenchKafka.producerConfig(stack.bootstrapServers()));
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, StreamsSettings.DEFAULT_LINGER_MS);
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, stack.uniqueName("bench-eos-shape"));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.initTransactions();
      consumer.subscribe(List.of(input));
      final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      final long deadline = System.nanoTime() + TIMEOUT.toNanos();
      long first = 0;
      long read = 0;
      long appended = 0;
      long transactionStart = System.nanoTime();
      boolean open = false;
      while (read < events) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(String.format(Locale.ROOT,
              "the exactly-once shape read %,d of %,d records of %s within %d s", read, events, input,
              TIMEOUT.toSeconds()));
        }
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (read == events) {
            break;
          }
          if (first == 0) {
            first = System.nanoTime();
          }
          if (!open) {
            producer.beginTransaction();
            open = true;
            transactionStart = System.nanoTime();
          }
          read++;
          // Appends owed so far, rounded down: a fractional rate spreads evenly over the events.
          final long owed = (long) Math.floor(read * appendsPerEvent);
          for (; appended < owed; appended++) {
            producer.send(new ProducerRecord<>(outputs.get((int) (appended % outputCount)), r.key(), r.value()));
          }
          offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        if (open && (read == events || System.nanoTime() - transactionStart >= commitInterval.toNanos())) {
          producer.sendOffsetsToTransaction(Map.copyOf(offsets), consumer.groupMetadata());
          producer.commitTransaction();
          offsets.clear();
          open = false;
        }
      }
      return events / ((System.nanoTime() - first) / 1e9);
    }
  }
}
