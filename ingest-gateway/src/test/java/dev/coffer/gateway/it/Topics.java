package dev.coffer.gateway.it;

import dev.coffer.embedded.CofferStack;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.privacy.PlayerDataKey;
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
   * Every ledger event the gateway submitted, in any order: receipts from {@code coffer.ledger-events},
   * player-scoped events from {@code coffer.ledger-sequence} (the UNJUDGED records; the receipt
   * stage's verdicts there are the ledger's, not the gateway's).
   */
  static List<LedgerEvent> submitted(final String bootstrapServers, final String registryUrl) {
    try (RestSchemaRegistry registry = new RestSchemaRegistry(registryUrl);
        AvroDeserializer<LedgerEvent> events = new AvroDeserializer<>(registry, LedgerEvent.class, false);
        AvroDeserializer<SequencedEvent> sequence = new AvroDeserializer<>(registry, SequencedEvent.class, false)) {
      final List<LedgerEvent> all = new ArrayList<>();
      readAll(bootstrapServers, CofferTopics.LEDGER_EVENTS.name())
          .forEach(r -> all.add(events.deserialize(r.topic(), r.value())));
      readAll(bootstrapServers, CofferTopics.LEDGER_SEQUENCE.name()).stream()
          .map(r -> sequence.deserialize(r.topic(), r.value()))
          .filter(s -> s.getVerdict() == DedupeVerdict.UNJUDGED)
          .forEach(s -> all.add(s.getEvent()));
      return all;
    }
  }

  /** Every record of {@code coffer.player-keys} (null for a tombstone). */
  static List<PlayerDataKey> playerKeys(final CofferStack stack) {
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        AvroDeserializer<PlayerDataKey> keys = new AvroDeserializer<>(registry, PlayerDataKey.class, false)) {
      return readAll(stack, CofferTopics.PLAYER_KEYS.name()).stream()
          .map(r -> keys.deserialize(r.topic(), r.value())).toList();
    }
  }

  /** {@link #submitted(String, String)} on the shared stack. */
  static List<LedgerEvent> submitted(final CofferStack stack) {
    return submitted(stack.bootstrapServers(), stack.registryUrl());
  }

  private static KafkaConsumer<String, byte[]> consumer(final String bootstrapServers) {
    final Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("isolation.level", "read_uncommitted");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
