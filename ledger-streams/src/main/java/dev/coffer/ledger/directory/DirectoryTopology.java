package dev.coffer.ledger.directory;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.topics.Topic;
import dev.coffer.ledger.deadletter.DeadLetter;
import dev.coffer.topics.CofferTopics;
import java.util.Map;
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
 * The player directory stage of the ledger application, keyed {@code appId|lookup}: requests from
 * {@code coffer.player-directory-requests} decided by {@link DirectoryRules} against the
 * {@code player-directory} store, answered on {@code coffer.player-directory}, with the player's data
 * key record on {@code coffer.player-keys}, all in one exactly-once transaction.
 *
 * <p>Not a fold replayed from a log: the requester draws a new player's ref and key at random, and the
 * answer topic (compacted) is the durable record; the request topic is kept only a day. The store's
 * changelog is compacted like that topic, so an erased player's ref leaves both within about a day.
 */
public final class DirectoryTopology {
  /** The name of the source node reading the requests. */
  public static final String REQUESTS_SOURCE = "player-directory-requests-source";

  private DirectoryTopology() {
  }

  /**
   * Adds the directory stage to {@code builder}.
   *
   * @param builder the builder
   * @param topics the directory's topics
   * @param deadLetters where undecodable requests go (raw bytes)
   * @param observer told of every dead letter
   */
  public static void build(final StreamsBuilder builder, final DirectoryTopics topics,
                           final Topic<byte[], byte[]> deadLetters, final LedgerObserver observer) {
    final Map<String, String> changelog = Map.copyOf(CofferTopics.PLAYER_DIRECTORY.configs());
    final StoreBuilder<KeyValueStore<String, DirectoryRecord>> store = Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LedgerStores.PLAYER_DIRECTORY), Serdes.String(), new DirectoryRecordCodec())
        .withLoggingEnabled(changelog);
    final ProcessorSupplier<byte[], byte[], String, Object> directory = new ProcessorSupplier<>() {
      @Override
      public Processor<byte[], byte[], String, Object> get() {
        return new DirectoryProcessor(topics.requests().name(), topics.requests().valueSerde().deserializer(),
            observer);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
      }
    };
    final BranchedKStream<String, Object> outputs = builder
        .stream(topics.requests().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName(REQUESTS_SOURCE))
        .process(directory, Named.as("player-directory"))
        .split(Named.as("player-directory-"));
    outputs.branch((key, value) -> value instanceof DirectoryProcessor.Answer, Branched.withConsumer(answers -> answers
        .mapValues(value -> ((DirectoryProcessor.Answer) value).entry(), Named.as("player-directory-answer-value"))
        .to(topics.directory().name(), Produced.with(topics.directory().keySerde(), topics.directory().valueSerde())
            .withName("player-directory-sink")), "answers"));
    outputs.branch((key, value) -> value instanceof DirectoryProcessor.KeyOutput, Branched.withConsumer(keys -> keys
        .mapValues(value -> ((DirectoryProcessor.KeyOutput) value).value(), Named.as("player-keys-value"))
        .to(topics.playerKeys().name(), Produced.with(topics.playerKeys().keySerde(),
            topics.playerKeys().valueSerde()).withName("player-keys-sink")), "player-keys"));
    outputs.branch((key, value) -> value instanceof DeadLetter, Branched.withConsumer(dead -> dead
        .map((key, value) -> KeyValue.pair(((DeadLetter) value).key(), ((DeadLetter) value).value()),
            Named.as("player-directory-dead-letter-bytes"))
        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())
            .withName("player-directory-dead-letters-sink")), "dead-letters"));
    outputs.noDefaultBranch();
  }
}
