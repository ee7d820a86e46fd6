package dev.coffer.bench.fault;

import dev.coffer.bench.BenchKafka;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what a topic holds, read_committed, for the fault run's checks. */
final class CommittedLog {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedLog.class);
  private static final Duration DRAIN = Duration.ofSeconds(120);

  private CommittedLog() {
  }

  /**
   * Reads {@code topic} read_committed from the start: first (if {@code mustCover} is given) until the
   * values seen name every eventId in it and number at least {@code atLeast}, then on to the end offsets
   * taken at that moment, so an outcome committed twice cannot hide behind the first. Past the deadline it
   * returns what it read: the checks name what is missing.
   */
  static <V> List<V> readToEnd(final String bootstrapServers, final String topic, final Deserializer<V> values,
                               final Predicate<ConsumerRecord<String, V>> filter, final Set<String> mustCover,
                               final int atLeast) {
    final List<V> out = new ArrayList<>();
    final Set<String> covered = new HashSet<>();
    final Map<String, Object> config = BenchKafka.consumerConfig(bootstrapServers, "fault-check-" + UUID.randomUUID());
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + DRAIN.toNanos();
      Map<TopicPartition, Long> end = null;
      while (true) {
        if (System.nanoTime() - deadline > 0) {
          // Report what is missing rather than throwing: the checks name it.
          LOG.warn("reading {}: deadline passed with {} records ({} of {} eventIds covered)", topic, out.size(),
              covered.size(), mustCover == null ? 0 : mustCover.size());
          return out;
        }
        for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (filter.test(r)) {
            out.add(r.value());
            if (r.value() instanceof LedgerOutcome o) {
              covered.add(o.getEventId().toString());
            }
          }
        }
        if (end == null && (mustCover == null || (covered.containsAll(mustCover) && out.size() >= atLeast))
            && !consumer.assignment().isEmpty()) {
          end = consumer.endOffsets(consumer.assignment());
        }
        if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          return out;
        }
      }
    }
  }
}
