package dev.coffer.gateway.it;

import dev.coffer.embedded.CofferStack;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.topics.CofferTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reading Coffer's topics directly, to check what the gateway wrote (and did not). */
final class Topics {
  private Topics() {
  }

  /** The end offset of every partition of each topic. */
  static Map<TopicPartition, Long> ends(final CofferStack stack, final List<String> topics) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(stack.bootstrapServers())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
      return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    }
  }

  /** Every record of {@code topic} from the start to its end now (uncommitted ones included). */
  static List<ConsumerRecord<String, byte[]>> readAll(final CofferStack stack, final String topic) {
    return readAll(stack.bootstrapServers(), topic);
  }

  /** Every record of {@code topic} on the brokers at {@code bootstrapServers} (a private stack). */
  static List<ConsumerRecord<String, byte[]>> readAll(final String bootstrapServers, final String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out reading " + topic);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /**
   * Every ledger event submitted so far, decoded: receipts from {@code coffer.ledger-events}, and
   * player-scoped events, which the gateway writes straight to {@code coffer.ledger-sequence}.
   */
  static List<LedgerEvent> ledgerEvents(final CofferStack stack) {
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
         AvroSerde<LedgerEvent> events = new AvroSerde<>(registry, LedgerEvent.class, false);
         AvroSerde<SequencedEvent> sequenced = new AvroSerde<>(registry, SequencedEvent.class, false)) {
      final List<LedgerEvent> all = new ArrayList<>();
      readAll(stack, CofferTopics.LEDGER_EVENTS.name())
          .forEach(r -> all.add(events.deserializer().deserialize(r.topic(), r.value())));
      readAll(stack, CofferTopics.LEDGER_SEQUENCE.name())
          .forEach(r -> all.add(sequenced.deserializer().deserialize(r.topic(), r.value()).getEvent()));
      return all;
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(final String bootstrapServers) {
    final Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("isolation.level", "read_uncommitted");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
