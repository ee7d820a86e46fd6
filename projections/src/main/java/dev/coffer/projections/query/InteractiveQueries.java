package dev.coffer.projections.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The thin metadata service over Kafka Streams' interactive queries: which instance owns a key,
 * and reads of this instance's active stores. It answers only while Streams is RUNNING; in any
 * other state, or when the metadata is missing ({@code null} or {@link KeyQueryMetadata#NOT_AVAILABLE}
 * during a rebalance), a key is {@link Route.Unavailable}, never guessed. Reads throw
 * {@link InvalidStateStoreException} if the store moved away meanwhile; callers answer 503.
 *
 * <p>Streams is attached once the HTTP server knows its port (the port is part of
 * {@code application.server}); until then every key is unavailable.
 *
 * <p>Reads go first to the stores their processors said are live ({@link LiveStores}): Streams' own lookup
 * lists every task of every thread on each read. A live store closed under a read (a rebalance) throws
 * {@link InvalidStateStoreException}; it is then forgotten and the read asks Streams, as every read of a
 * store without a live handle does. Likewise a key whose partition ({@link KeyPartitions}) is live here is
 * routed here without asking Streams' metadata, which would answer the same while Streams is RUNNING.
 */
public final class InteractiveQueries implements LiveStores {
  private static final StringSerializer KEYS = new StringSerializer();

  /** A store of one partition. */
  private record Handle(String store, int partition) {
  }

  private final ConcurrentMap<Handle, ReadOnlyKeyValueStore<String, ?>> live = new ConcurrentHashMap<>();
  private final KeyPartitions partitions = new KeyPartitions();

  private volatile KafkaStreams streams;
  private volatile HostInfo self;

  /** Attaches the Streams client and this instance's {@code application.server}. */
  public void attach(final KafkaStreams kafkaStreams, final HostInfo thisInstance) {
    this.self = Objects.requireNonNull(thisInstance, "thisInstance");
    this.streams = Objects.requireNonNull(kafkaStreams, "kafkaStreams");
  }

  /** This instance's {@code application.server}, once attached. */
  public Optional<HostInfo> self() {
    return Optional.ofNullable(self);
  }

  /** The Streams state, or {@code null} before attach. */
  public KafkaStreams.State state() {
    final KafkaStreams s = streams;
    return s == null ? null : s.state();
  }

  /**
   * Where the read of {@code key} in {@code store} is answered.
   *
   * @param store a store name
   * @param key its key
   * @return local, remote or unavailable
   */
  public Route route(final String store, final String key) {
    final KafkaStreams s = streams;
    if (s == null) {
      return new Route.Unavailable("the instance is starting");
    }
    if (s.state() != KafkaStreams.State.RUNNING) {
      return new Route.Unavailable("the instance is " + s.state());
    }
    final KeyQueryMetadata metadata;
    try {
      final int partition = partitions.partition(s, store, key);
      if (partition >= 0 && live.containsKey(new Handle(store, partition))) {
        // This instance runs the task of the key's partition (its processor said so): the owner is here.
        return new Route.Local(partition);
      }
      metadata = s.queryMetadataForKey(store, key, KEYS);
    } catch (final IllegalStateException e) {
      // Thrown when the client is not (or no longer) running between the check above and here.
      return new Route.Unavailable("the instance is " + s.state());
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
        || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
      return new Route.Unavailable("the owner of the key is not known (rebalancing)");
    }
    return metadata.activeHost().equals(self) ? new Route.Local(metadata.partition())
        : new Route.Remote(metadata.activeHost());
  }

  /**
   * The value of {@code key} in this instance's active {@code store}, partition {@code partition}.
   *
   * @throws InvalidStateStoreException if the store is not queryable here now
   */
  public <V> V get(final String store, final int partition, final String key) {
    return this.<V, V>read(store, partition, s -> s.get(key));
  }

  /**
   * Up to {@code limit} entries of {@code store} between {@code from} and {@code to} (inclusive),
   * highest key first.
   *
   * @throws InvalidStateStoreException if the store is not queryable here now
   */
  public <V> List<V> reverseRange(final String store, final int partition, final String from, final String to,
                                  final int limit) {
    return this.<V, List<V>>read(store, partition, s -> first(s.reverseRange(from, to), limit));
  }

  /**
   * Up to {@code limit} entries of {@code store} between {@code from} and {@code to} (inclusive),
   * lowest key first.
   *
   * @throws InvalidStateStoreException if the store is not queryable here now
   */
  public <V> List<V> range(final String store, final int partition, final String from, final String to,
                           final int limit) {
    return this.<V, List<V>>read(store, partition, s -> first(s.range(from, to), limit));
  }

  @Override
  public void opened(final int partition, final Map<String, ReadOnlyKeyValueStore<String, ?>> stores) {
    stores.forEach((name, store) -> live.put(new Handle(name, partition), store));
  }

  @Override
  public void closed(final int partition, final Map<String, ReadOnlyKeyValueStore<String, ?>> stores) {
    stores.forEach((name, store) -> live.remove(new Handle(name, partition), store));
  }

  /** Up to {@code limit} values of {@code entries}, which it closes. */
  private static <V> List<V> first(final KeyValueIterator<String, V> entries, final int limit) {
    final List<V> values = new ArrayList<>();
    try (KeyValueIterator<String, V> it = entries) {
      while (it.hasNext() && values.size() < limit) {
        values.add(it.next().value);
      }
    }
    return values;
  }

  /** Runs {@code read} on the live store if there is one, else (or if it closed meanwhile) on Streams'. */
  private <V, T> T read(final String store, final int partition,
                        final Function<ReadOnlyKeyValueStore<String, V>, T> read) {
    final Handle handle = new Handle(store, partition);
    @SuppressWarnings("unchecked")
    final ReadOnlyKeyValueStore<String, V> own = (ReadOnlyKeyValueStore<String, V>) live.get(handle);
    if (own != null) {
      try {
        return read.apply(own);
      } catch (final InvalidStateStoreException e) {
        live.remove(handle, own);
      }
    }
    return read.apply(this.<V>store(store, partition));
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(final String store, final int partition) {
    final KafkaStreams s = streams;
    if (s == null) {
      throw new InvalidStateStoreException("the instance is starting");
    }
    return s.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
        .withPartition(partition));
  }

  /**
   * Every instance of the application as the metadata knows it: host, stores, active and standby
   * partitions.
   *
   * @param host {@code host:port}
   * @param self whether it is this instance
   * @param stores its store names
   * @param activePartitions its active partitions, as {@code topic-partition}
   * @param standbyPartitions its standby partitions
   */
  public record Instance(String host, boolean self, List<String> stores, List<String> activePartitions,
                         List<String> standbyPartitions) {
  }

  /** The application's instances, or nothing before attach. */
  public List<Instance> instances() {
    final KafkaStreams s = streams;
    if (s == null) {
      return List.of();
    }
    final List<Instance> instances = new ArrayList<>();
    for (final StreamsMetadata m : s.metadataForAllStreamsClients()) {
      instances.add(new Instance(m.host() + ":" + m.port(), m.hostInfo().equals(self),
          List.copyOf(new TreeSet<>(m.stateStoreNames())),
          m.topicPartitions().stream().map(Object::toString).sorted().toList(),
          m.standbyTopicPartitions().stream().map(Object::toString).sorted().toList()));
    }
    instances.sort(Comparator.comparing(Instance::host));
    return instances;
  }
}
