package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerOptions;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.store.DedupeRecordCodec;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The first half of the ledger, keyed by dedupe key: {@code coffer.ledger-events} read as raw bytes,
 * decoded and checked in {@link DedupeProcessor}; malformed records to the dead letters; every
 * judged event re-keyed by player key and written to {@code coffer.ledger-sequence}, the durable
 * order the fold reads (see {@code FoldTopology}).
 *
 * <p>Why a retained topic and not a repartition: the input is keyed by dedupe key, so one player's
 * events come from several input partitions and the order in which they reach the fold is decided
 * by timing. The sequence topic records the order the fold applied, so a replay of the fold gets
 * the same order and the same state; a repartition topic is purged once consumed.
 *
 * <p>Reading raw bytes (rather than a deserialization exception handler with KIP-1034's
 * {@code errors.dead.letter.queue.topic.name}) puts undecodable records and format violations on one
 * path: the same headers, the same observer count, and both testable on a TopologyTestDriver.
 */
public final class DedupeTopology {
  /** The name of the sink node writing {@code coffer.ledger-sequence}. */
  public static final String SEQUENCE_SINK = "ledger-sequence-sink";

  private DedupeTopology() {
  }

  /**
   * Adds dedupe to {@code builder}.
   *
   * @param builder the builder
   * @param topics the ledger's topics
   * @param observer told of every dead letter
   * @param options the dedupe retention
   */
  public static void build(final StreamsBuilder builder, final LedgerTopics topics,
                           final LedgerObserver observer, final LedgerOptions options) {
    final StoreBuilder<KeyValueStore<String, DedupeRecord>> store = Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LedgerStores.DEDUPE_KEYS), Serdes.String(), new DedupeRecordCodec());
    final ProcessorSupplier<byte[], byte[], String, DedupeOutput> dedupe = new ProcessorSupplier<>() {
      @Override
      public Processor<byte[], byte[], String, DedupeOutput> get() {
        return new DedupeProcessor(topics.events().name(), topics.events().valueSerde().deserializer(), observer,
            options.dedupeRetention());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
      }
    };

    final Map<String, KStream<String, DedupeOutput>> branches = builder
        .stream(topics.events().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName("ledger-events-source"))
        .process(dedupe, Named.as("ledger-dedupe"))
        .split(Named.as("ledger-dedupe-"))
        .branch((key, value) -> value instanceof DedupeOutput.DeadLetter, Branched.withConsumer(deadLetters ->
            deadLetters
                .map((key, value) -> {
                  final DedupeOutput.DeadLetter letter = (DedupeOutput.DeadLetter) value;
                  return KeyValue.pair(letter.key(), letter.value());
                }, Named.as("ledger-dead-letter-bytes"))
                .to(topics.deadLetters().name(), Produced.with(topics.deadLetters().keySerde(),
                    topics.deadLetters().valueSerde()).withName("ledger-dead-letters-sink")), "dead-letters"))
        .defaultBranch(Branched.as("verdicts"));

    // Keyed by player key (the processor re-keys), so the default partitioner puts one player in one
    // partition of the sequence topic: that partition's order is the player's order, for good.
    branches.get("ledger-dedupe-verdicts")
        .mapValues(value -> SequencedEvents.toRecord(((DedupeOutput.ToFold) value).event()),
            Named.as("ledger-dedupe-verdict"))
        .to(topics.sequence().name(), Produced.with(topics.sequence().keySerde(), topics.sequence().valueSerde())
            .withName(SEQUENCE_SINK));
  }
}
