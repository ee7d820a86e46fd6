package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.deadletter.DeadLetter;
import dev.coffer.service.streams.QuietCommit;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The receipt stage, keyed by dedupe key: {@code coffer.ledger-events} read as raw bytes, decoded and
 * checked in {@link DedupeProcessor}; malformed records to the dead letters; every event re-keyed by
 * player key and written to {@code coffer.ledger-sequence}, the durable order the fold reads (see
 * {@code FoldTopology}): receipts with their verdict, player-scoped events UNJUDGED.
 *
 * <p>Only a receipt needs this stage: its dedupe key is unique across players, so it cannot be
 * judged in one player's partition. The gateway writes player-scoped events (grants, spends,
 * consumes, erasure, notifications, migration) straight to the sequence log; they pass through here
 * only when a producer other than the gateway writes them to {@code coffer.ledger-events}.
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
   * Adds the receipt stage to {@code builder}.
   *
   * @param builder the builder
   * @param topics the ledger's topics
   * @param observer told of every dead letter
   * @param quietCommit when the thread commits before its commit interval
   */
  public static void build(final StreamsBuilder builder, final LedgerTopics topics, final LedgerObserver observer,
                           final QuietCommit.Policy quietCommit) {
    final StoreBuilder<KeyValueStore<String, DedupeRecord>> store = Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LedgerStores.RECEIPTS), Serdes.String(), new DedupeRecordCodec());
    final ProcessorSupplier<byte[], byte[], String, Object> dedupe = new ProcessorSupplier<>() {
      @Override
      public Processor<byte[], byte[], String, Object> get() {
        return new DedupeProcessor(topics.events().name(), topics.events().valueSerde().deserializer(), observer,
            quietCommit.create());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
      }
    };

    builder.stream(topics.events().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
        .withName("ledger-events-source"))
        .process(dedupe, Named.as("ledger-dedupe"))
        .split(Named.as("ledger-dedupe-"))
        .branch((key, value) -> value instanceof DeadLetter, Branched.withConsumer(deadLetters -> deadLetters
            .map((key, value) -> KeyValue.pair(((DeadLetter) value).key(), ((DeadLetter) value).value()),
                Named.as("ledger-dead-letter-bytes"))
            .to(topics.deadLetters().name(), Produced.with(topics.deadLetters().keySerde(),
                topics.deadLetters().valueSerde()).withName("ledger-dead-letters-sink")), "dead-letters"))
        // Keyed by player key (the processor re-keys), so the default partitioner puts one player in
        // one partition of the sequence topic: that partition's order is the player's order, for good.
        .defaultBranch(Branched.withConsumer(verdicts -> verdicts
            .mapValues(value -> SequencedEvents.toRecord((VerdictedEvent) value), Named.as("ledger-dedupe-verdict"))
            .to(topics.sequence().name(), Produced.with(topics.sequence().keySerde(), topics.sequence().valueSerde())
                .withName(SEQUENCE_SINK)), "verdicts"));
  }
}
