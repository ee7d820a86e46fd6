package dev.coffer.projections;

import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.players.PlayerViews;
import dev.coffer.projections.players.PlayerViewsProcessor;
import dev.coffer.projections.players.RecentViews;
import dev.coffer.projections.players.ViewListener;
import dev.coffer.projections.purchases.PurchaseLogProcessor;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.Subscription;
import dev.coffer.projections.query.LiveStores;
import dev.coffer.projections.store.JsonSerde;
import dev.coffer.projections.webhooks.WebhookSent;
import dev.coffer.projections.webhooks.WebhooksSentProcessor;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.outcome.OutcomeJson;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The projections' topology, built from the ledger's output topics only.
 *
 * <pre>
 * coffer.ledger-outcomes (key: player key) ──► projections-player-views ──► stores keyed by player key:
 *                                              │    players (status and wallet); and rows under it: inventory
 *                                              │    (held instances), subscriptions, history, player-events
 * coffer.purchase-log   (key: player key) ──► projections-purchase-log-views ──► purchase rows
 * coffer.webhook-deliveries (player key)   ──► projections-webhooks-sent-views ──► webhook rows (export)
 *                                              │
 *                                              ▼ re-key by eventId (outcome, or tombstone on erasure)
 *                          repartition topic projections-outcomes-by-event
 *                                              ▼
 *                                   store projections-event-outcomes (key: eventId)
 *
 * coffer.purchase-index (key: appId|store|id) ──► table projections-purchase-index (its changelog is
 *                                                 the compacted source topic itself)
 * </pre>
 *
 * <p><b>Why outcomes, not the change topics.</b> Every {@code LedgerOutcome} carries the player's
 * version and every balance and instance the event changed (with the state after it), so one record
 * updates every view of a player at once, in the ledger's order. Building the wallet from
 * {@code coffer.wallet-changes} and the version from outcomes would read two topics whose relative
 * order within a task is not defined, and a reader could see version N before the wallet at N.
 *
 * <p><b>Why a named repartition for eventId, not a global store.</b> The outcome topic is keyed by
 * player and kept forever; a global store would hold every outcome on every instance and restore
 * the whole topic on each, and a global store is loaded from its source topic as is, so it cannot
 * be keyed by anything but the topic's own key. Re-keying through
 * {@code projections-outcomes-by-event} shards the eventId store across instances like every other
 * store, interactive queries route by eventId like they route by player, and erasure reaches it
 * with tombstones through the same topic. The price: the eventId store trails the per-player views by
 * the re-keying hop (milliseconds), so a caller polling an outcome may see 404 just before it appears.
 *
 * <p><b>Why the purchase index lives here.</b> Store notifications name a purchase, never a player;
 * the gateway used to read the whole purchase log into every replica's heap at start. The ledger now
 * keeps {@code coffer.purchase-index} (compacted, never expiring) and this table shards it across
 * projections instances like every other store; the gateway asks the owner by key over HTTP. With
 * {@code reuse.ktable.source.topics} the table restores from the source topic, so the index is stored
 * once in Kafka.
 */
public final class ProjectionTopology {
  /**
   * Streams properties the topology needs whatever the deployment sets: explicit naming, so that
   * Streams refuses a generated store or topic name.
   */
  public static final Map<String, String> REQUIRED_CONFIG = Map.of(
      StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true",
      // The purchase index restores from coffer.purchase-index instead of a changelog copy of it.
      StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);

  private ProjectionTopology() {
  }

  /**
   * Builds the topology.
   *
   * @param topics the ledger output topics to read
   * @param listener told after each player's views are written (version waits)
   * @return the topology
   */
  public static Topology build(final ProjectionTopics topics, final ViewListener listener) {
    return build(topics, listener, LiveStores.NONE);
  }

  /**
   * Builds the topology.
   *
   * @param topics the ledger output topics to read
   * @param listener told after each player's views are written (version waits)
   * @param liveStores told while each task's player views are readable (interactive queries)
   * @return the topology
   */
  public static Topology build(final ProjectionTopics topics, final ViewListener listener,
                               final LiveStores liveStores) {
    return build(topics, listener, liveStores, RecentViews.NONE);
  }

  /**
   * Builds the topology.
   *
   * @param topics the ledger output topics to read
   * @param listener told after each player's views are written (version waits)
   * @param liveStores told while each task's player views are readable (interactive queries)
   * @param recent keeps the player views written lately, for reads of them
   * @return the topology
   */
  public static Topology build(final ProjectionTopics topics, final ViewListener listener,
                               final LiveStores liveStores, final RecentViews recent) {
    final StreamsBuilder builder = new StreamsBuilder(namingCheck());
    final Set<StoreBuilder<?>> playerStores = Set.of(
        store(ProjectionStores.PLAYERS, PlayerViews.class),
        store(ProjectionStores.INVENTORIES, Instance.class),
        store(ProjectionStores.PURCHASES, Purchase.class),
        store(ProjectionStores.SUBSCRIPTIONS, Subscription.class),
        store(ProjectionStores.HISTORY, HistoryEntry.class),
        store(ProjectionStores.WEBHOOKS_SENT, WebhookSent.class),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ProjectionStores.PLAYER_EVENTS),
            Serdes.String(), Serdes.String()));
    final ProcessorSupplier<String, LedgerOutcome, String, OutcomeJson> views = new ProcessorSupplier<>() {
      @Override
      public Processor<String, LedgerOutcome, String, OutcomeJson> get() {
        return new PlayerViewsProcessor(listener, liveStores, recent);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return playerStores;
      }
    };
    final Serde<OutcomeJson> outcomeJson = new JsonSerde<>(OutcomeJson.class);
    builder.stream(topics.outcomes().name(), Consumed.with(topics.outcomes().keySerde(), topics.outcomes().valueSerde())
        .withName("projections-outcomes-source"))
        .process(views, Named.as("projections-player-views"))
        .repartition(Repartitioned.with(Serdes.String(), outcomeJson)
            .withName(ProjectionStores.OUTCOMES_BY_EVENT))
        .toTable(Named.as("projections-event-outcomes-table"),
            Materialized.<String, OutcomeJson, KeyValueStore<Bytes, byte[]>>as(ProjectionStores.EVENT_OUTCOMES)
                .withKeySerde(Serdes.String()).withValueSerde(outcomeJson)
                // No cache: an outcome becomes readable when it arrives, not at the next commit.
                .withCachingDisabled());
    builder.stream(topics.purchaseLog().name(), Consumed.with(topics.purchaseLog().keySerde(),
        topics.purchaseLog().valueSerde())
        .withName("projections-purchase-log-source"))
        .process(PurchaseLogProcessor::new, Named.as("projections-purchase-log-views"),
            ProjectionStores.PLAYERS, ProjectionStores.PURCHASES);
    // Co-partitioned with the outcomes (same key, same partition count): rows land where the views are.
    builder.stream(topics.webhookDeliveries().name(), Consumed.with(topics.webhookDeliveries().keySerde(),
        topics.webhookDeliveries().valueSerde()).withName("projections-webhook-deliveries-source"))
        .process(WebhooksSentProcessor::new, Named.as("projections-webhooks-sent-views"),
            ProjectionStores.PLAYERS, ProjectionStores.WEBHOOKS_SENT);
    builder.table(topics.purchaseIndex().name(), Consumed.with(topics.purchaseIndex().keySerde(),
        topics.purchaseIndex().valueSerde()).withName("projections-purchase-index-source"),
        Materialized.<String, PurchaseIndexEntry, KeyValueStore<Bytes, byte[]>>as(ProjectionStores.PURCHASE_INDEX)
            .withKeySerde(topics.purchaseIndex().keySerde()).withValueSerde(topics.purchaseIndex().valueSerde())
            // Read by the gateway right after the ledger indexed it: no commit-interval delay.
            .withCachingDisabled());
    return builder.build(properties(REQUIRED_CONFIG));
  }

  private static <T> StoreBuilder<KeyValueStore<String, T>> store(final String name, final Class<T> type) {
    // No caching: interactive queries and version waits must see a write as soon as it is made.
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
        new JsonSerde<>(type)).withCachingDisabled();
  }

  /** Builds with {@link #REQUIRED_CONFIG}, so a generated name fails in every test, not only in production. */
  private static TopologyConfig namingCheck() {
    return new TopologyConfig(new StreamsConfig(properties(REQUIRED_CONFIG)));
  }

  /** The required settings, with what a {@link StreamsConfig} needs besides, for building only. */
  private static Properties properties(final Map<String, String> required) {
    final Properties props = new Properties();
    props.putAll(required);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "coffer-projections-naming-check");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }
}
