package dev.coffer.ledger.fold;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.topics.Topic;
import dev.coffer.ledger.deadletter.DeadLetter;
import dev.coffer.ledger.store.StoreCodec;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.WalletChange;
import dev.coffer.service.streams.QuietCommit;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The fold, keyed by player key: the records of {@code coffer.ledger-sequence} (written by the
 * gateway for player-scoped events and by the receipt stage for receipts) folded into the
 * {@code player-state} and {@code player-events} stores, with every outcome, wallet change, inventory
 * change, purchase-log entry and purchase-index record written in the same transaction. One exactly-once stage for every
 * player-scoped write: dedupe, state change and outputs commit together.
 *
 * <p>It reads only the sequence topic: live and in a replay (alone, under another application id),
 * the fold sees one player's events in the same, recorded order, so its state is a pure function of
 * that log.
 */
public final class FoldTopology {
  /** The name of the source node reading {@code coffer.ledger-sequence}. */
  public static final String SEQUENCE_SOURCE = "ledger-sequence-source";

  private FoldTopology() {
  }

  /**
   * Adds the fold, reading {@code topics.sequence()}, to {@code builder}.
   *
   * @param builder the builder
   * @param topics the ledger's topics (input: {@code sequence}; outputs: outcomes, changes, purchase
   *     log, dead letters)
   * @param observer told of every outcome and dead letter
   * @param limits the bounds on one player's state
   * @param quietCommit when the thread commits before its commit interval
   */
  public static void build(final StreamsBuilder builder, final LedgerTopics topics, final LedgerObserver observer,
                           final Limits limits, final QuietCommit.Policy quietCommit) {
    // One codec for the store and the fold: the fold's size check and the store's put encode a state once.
    final FoldCodecs.PlayerStateCodec stateCodec = new FoldCodecs.PlayerStateCodec();
    final Set<StoreBuilder<?>> stores = Set.of(
        // Cached: a player's state written several times within one commit interval reaches the
        // changelog once, at the commit.
        store(LedgerStores.PLAYER_STATE, stateCodec).withCachingEnabled(),
        store(LedgerStores.PLAYER_EVENTS, new FoldCodecs.LoggedEventCodec()));
    final ProcessorSupplier<byte[], byte[], String, Object> fold = new ProcessorSupplier<>() {
      @Override
      public Processor<byte[], byte[], String, Object> get() {
        return new FoldProcessor(topics.sequence().name(), topics.sequence().valueSerde().deserializer(), observer,
            limits, quietCommit.create(), stateCodec);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return stores;
      }
    };
    final BranchedKStream<String, Object> outputs = builder
        .stream(topics.sequence().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName(SEQUENCE_SOURCE))
        .process(fold, Named.as("ledger-fold"))
        .split(Named.as("ledger-fold-"));
    route(outputs, LedgerOutcome.class, topics.outcomes(), "outcomes");
    route(outputs, WalletChange.class, topics.walletChanges(), "wallet-changes");
    route(outputs, InventoryChange.class, topics.inventoryChanges(), "inventory-changes");
    route(outputs, PurchaseLogEntry.class, topics.purchaseLog(), "purchase-log");
    route(outputs, PurchaseIndexEntry.class, topics.purchaseIndex(), "purchase-index");
    outputs.branch((key, value) -> value instanceof DeadLetter, Branched.withConsumer(deadLetters -> deadLetters
        .map((key, value) -> KeyValue.pair(((DeadLetter) value).key(), ((DeadLetter) value).value()),
            Named.as("ledger-fold-dead-letter-bytes"))
        .to(topics.deadLetters().name(), Produced.with(topics.deadLetters().keySerde(),
            topics.deadLetters().valueSerde()).withName("ledger-fold-dead-letters-sink")), "dead-letters"));
    outputs.noDefaultBranch();
  }

  private static <T> void route(final BranchedKStream<String, Object> outputs, final Class<T> type,
                                final Topic<String, T> topic, final String name) {
    outputs.branch((key, value) -> type.isInstance(value), Branched.withConsumer(stream -> stream
        .mapValues(type::cast, Named.as("ledger-fold-" + name + "-value"))
        .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName("ledger-" + name + "-sink")),
        name));
  }

  private static <T> StoreBuilder<KeyValueStore<String, T>> store(final String name, final StoreCodec<T> codec) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), codec);
  }
}
