package dev.coffer.ledger.fold;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.Topic;
import dev.coffer.ledger.dedupe.SequencedEvents;
import dev.coffer.ledger.dedupe.VerdictedEvent;
import dev.coffer.ledger.store.InventoryCodec;
import dev.coffer.ledger.store.PlayerMetaCodec;
import dev.coffer.ledger.store.RecordedOutcomeCodec;
import dev.coffer.ledger.store.StoreCodec;
import dev.coffer.ledger.store.WalletCodec;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.WalletChange;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The second half of the ledger, keyed by player key: the judged events of
 * {@code coffer.ledger-sequence} folded into the {@code wallets}, {@code inventories},
 * {@code players} and {@code player-log} stores, and every outcome, wallet change, inventory change
 * and purchase-log entry written in the same transaction.
 *
 * <p>It reads only the sequence topic, never dedupe's stream directly: live (after dedupe, in the
 * same application) and in a replay (alone, under another application id), the fold sees one
 * player's events in the same, recorded order, so its state is a pure function of that log.
 */
public final class FoldTopology {
  private FoldTopology() {
  }

  /** The name of the source node reading {@code coffer.ledger-sequence}. */
  public static final String SEQUENCE_SOURCE = "ledger-sequence-source";

  /**
   * Adds the fold, reading {@code topics.sequence()}, to {@code builder}.
   *
   * @param builder the builder
   * @param topics the ledger's topics (input: {@code sequence}; outputs: outcomes, changes, purchase log)
   * @param observer told of every outcome
   */
  public static void build(final StreamsBuilder builder, final LedgerTopics topics, final LedgerObserver observer) {
    final KStream<String, VerdictedEvent> judged = builder
        .stream(topics.sequence().name(), Consumed.with(topics.sequence().keySerde(), topics.sequence().valueSerde())
            .withName(SEQUENCE_SOURCE))
        .mapValues(SequencedEvents::fromRecord, Named.as("ledger-sequence-verdict"));
    final Set<StoreBuilder<?>> stores = Set.of(
        store(LedgerStores.WALLETS, new WalletCodec()),
        store(LedgerStores.INVENTORIES, new InventoryCodec()),
        store(LedgerStores.PLAYERS, new PlayerMetaCodec()),
        store(LedgerStores.PLAYER_LOG, new RecordedOutcomeCodec()));
    final ProcessorSupplier<String, VerdictedEvent, String, SpecificRecord> fold = new ProcessorSupplier<>() {
      @Override
      public Processor<String, VerdictedEvent, String, SpecificRecord> get() {
        return new FoldProcessor(observer);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return stores;
      }
    };
    final BranchedKStream<String, SpecificRecord> outputs = judged
        .process(fold, Named.as("ledger-fold"))
        .split(Named.as("ledger-fold-"));
    route(outputs, LedgerOutcome.class, topics.outcomes(), "outcomes");
    route(outputs, WalletChange.class, topics.walletChanges(), "wallet-changes");
    route(outputs, InventoryChange.class, topics.inventoryChanges(), "inventory-changes");
    route(outputs, PurchaseLogEntry.class, topics.purchaseLog(), "purchase-log");
    outputs.noDefaultBranch();
  }

  private static <T extends SpecificRecord> void route(final BranchedKStream<String, SpecificRecord> outputs,
                                                       final Class<T> type, final Topic<String, T> topic,
                                                       final String name) {
    outputs.branch((key, value) -> type.isInstance(value), Branched.withConsumer(stream -> stream
        .mapValues(value -> type.cast(value), Named.as("ledger-fold-" + name + "-value"))
        .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName("ledger-" + name + "-sink")),
        name));
  }

  private static <T> StoreBuilder<KeyValueStore<String, T>> store(final String name, final StoreCodec<T> codec) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), codec);
  }
}
