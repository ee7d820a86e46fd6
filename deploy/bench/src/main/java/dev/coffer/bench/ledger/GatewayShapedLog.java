package dev.coffer.bench.ledger;

import dev.coffer.bench.BenchKafka;
import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes ledger events where the gateway writes them: a store purchase to the events topic, keyed by
 * its receipt (the receipt stage judges it), everything player-scoped straight to the sequence topic,
 * UNJUDGED, keyed by player key (the fold dedupes it). Same serdes and partitioner as the gateway.
 */
public final class GatewayShapedLog {
  private GatewayShapedLog() {
  }

  /** How many of the events went to each topic. */
  public record Written(int receipts, int playerScoped) {
  }

  /**
   * Produces {@code events} (acknowledged before returning).
   *
   * @param bootstrapServers the cluster
   * @param registry the registry the serdes register with
   * @param events the events, in order
   * @param eventsTopic receipts go here
   * @param sequenceTopic player-scoped events go here
   * @return the split
   */
  public static Written produce(final String bootstrapServers, final SchemaRegistry registry,
                                final List<LedgerEvent> events, final String eventsTopic,
                                final String sequenceTopic) {
    final List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>(events.size());
    int receipts = 0;
    for (final LedgerEvent event : events) {
      final ProducerRecord<String, SpecificRecord> record = record(event, eventsTopic, sequenceTopic);
      records.add(record);
      receipts += record.topic().equals(eventsTopic) ? 1 : 0;
    }
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        BenchKafka.producerConfig(bootstrapServers), new StringSerializer(), serializer(registry))) {
      BenchKafka.sendAll(producer, records, Duration.ofMinutes(5));
    }
    return new Written(receipts, events.size() - receipts);
  }

  /** The record the gateway would write for {@code event}. */
  public static ProducerRecord<String, SpecificRecord> record(final LedgerEvent event, final String eventsTopic,
                                                              final String sequenceTopic) {
    final long time = event.getOccurredAt().toEpochMilli();
    if (DedupeKey.parse(event.getDedupeKey()).orElseThrow().playerScoped()) {
      return new ProducerRecord<>(sequenceTopic, null, time, PlayerKey.of(event.getAppId(), event.getPlayerRef()),
          SequencedEvent.newBuilder().setVerdict(DedupeVerdict.UNJUDGED).setEvent(event).build());
    }
    return new ProducerRecord<>(eventsTopic, null, time, event.getDedupeKey(), event);
  }

  /** A value serializer for both kinds of record, registry-framed Avro. */
  public static Serializer<SpecificRecord> serializer(final SchemaRegistry registry) {
    final Serializer<LedgerEvent> eventValues = new AvroSerde<>(registry, LedgerEvent.class, false).serializer();
    final Serializer<SequencedEvent> sequenceValues =
        new AvroSerde<>(registry, SequencedEvent.class, false).serializer();
    return (topic, value) -> value instanceof SequencedEvent s
        ? sequenceValues.serialize(topic, s) : eventValues.serialize(topic, (LedgerEvent) value);
  }
}
