package dev.coffer.projections.analytics;

import dev.coffer.projections.ProjectionTopics;
import dev.coffer.projections.store.JsonSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The app view's aggregates, a Kafka Streams application of its own (exactly-once: sums are not
 * idempotent).
 *
 * <pre>
 * coffer.purchase-log (key: player) ──► analytics-revenue-pricing (store analytics-purchase-prices)
 *        ──► repartition analytics-revenue-by-app (key: appId) ──► analytics-revenue-sum
 *                                             (store analytics-revenue: appId|day|store|currency)
 * coffer.ledger-outcomes (key: player, from now − retention) ──► analytics-outcome-counting
 *        (store analytics-outcome-partials, flushed every second)
 *        ──► repartition analytics-outcomes-by-app (key: appId) ──► analytics-outcome-sum
 *                                             (store analytics-outcome-mix: appId|minute)
 * </pre>
 *
 * <p><b>Keyed by app</b>, so one app's rows are one key range of one partition: the console's read of an
 * app is one range scan on the instance that owns the app, routed like a player read. The price is that
 * one app's aggregation runs in one task; what reaches it is small (a record per purchase, and per app a
 * few partial counts a second), never a record per event.
 */
public final class AnalyticsTopology {
  /** Priced purchases by {@code appId|STORE|transactionId}, to price their refunds. */
  public static final String PURCHASE_PRICES = "analytics-purchase-prices";
  /** {@link RevenueDay} by {@code appId|day|store|currency}, partitioned by app. */
  public static final String REVENUE = "analytics-revenue";
  /** Partial outcome counts of one partition, by {@code appId|minute}, until the next flush. */
  public static final String OUTCOME_PARTIALS = "analytics-outcome-partials";
  /** {@link OutcomeMinute} by {@code appId|minute}, partitioned by app. */
  public static final String OUTCOME_MIX = "analytics-outcome-mix";

  /**
   * How the aggregates are kept.
   *
   * @param outcomeRetention how long outcome minutes are kept (and how far back a new deployment reads)
   * @param flush how often partial outcome counts are sent to the per-app sum
   * @param clock what "now" is for the retention
   */
  public record Settings(Duration outcomeRetention, Duration flush, Clock clock) {
    public Settings {
      Objects.requireNonNull(outcomeRetention, "outcomeRetention");
      Objects.requireNonNull(flush, "flush");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private AnalyticsTopology() {
  }

  /**
   * Builds the topology.
   *
   * @param topics the ledger's output topics
   * @param settings retention and flush
   * @return the topology
   */
  public static Topology build(final ProjectionTopics topics, final Settings settings) {
    final StreamsBuilder builder = new StreamsBuilder(namingCheck());
    // A price is written once per purchase and a minute's mix once per flush: a cache would only copy them.
    builder.addStateStore(store(PURCHASE_PRICES, PurchasePrice.class, false).withCachingDisabled());
    // Cached: every outcome rewrites its app's minute partial, every purchase its app's day, and uncached
    // each rewrite was a changelog record (one broker append per outcome). The cache sends the changelog
    // a key's last value at each commit, so under exactly-once a crash still loses nothing; reads (the
    // processors' and interactive queries') see the cache, so nothing reads an older value.
    builder.addStateStore(store(REVENUE, RevenueDay.class, false).withCachingEnabled());
    builder.addStateStore(store(OUTCOME_PARTIALS, OutcomeMinute.class, true).withCachingEnabled());
    builder.addStateStore(store(OUTCOME_MIX, OutcomeMinute.class, false).withCachingDisabled());

    builder.stream(topics.purchaseLog().name(), Consumed.with(topics.purchaseLog().keySerde(),
        topics.purchaseLog().valueSerde())
        .withName("analytics-purchase-log-source").withOffsetResetPolicy(AutoOffsetReset.earliest()))
        .process(RevenuePricing::new, Named.as("analytics-revenue-pricing"), PURCHASE_PRICES)
        .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(RevenueMove.class))
            .withName("analytics-revenue-by-app"))
        .process(RevenueSum::new, Named.as("analytics-revenue-sum"), REVENUE);

    builder.stream(topics.outcomes().name(), Consumed.with(topics.outcomes().keySerde(),
        topics.outcomes().valueSerde())
        .withName("analytics-outcomes-source")
        // A new deployment needs only the minutes it keeps, not the outcome topic's whole past.
        .withOffsetResetPolicy(AutoOffsetReset.byDuration(settings.outcomeRetention())))
        .process(() -> new OutcomeCounting(settings.outcomeRetention(), settings.flush(), settings.clock()),
            Named.as("analytics-outcome-counting"), OUTCOME_PARTIALS)
        .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(OutcomeMinute.class))
            .withName("analytics-outcomes-by-app"))
        .process(() -> new OutcomeSum(settings.outcomeRetention(), settings.clock()),
            Named.as("analytics-outcome-sum"), OUTCOME_MIX);
    return builder.build();
  }

  private static <T> StoreBuilder<KeyValueStore<String, T>> store(final String name, final Class<T> type,
                                                                  final boolean inMemory) {
    // Logged: restored from its changelog.
    return Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(type));
  }

  private static TopologyConfig namingCheck() {
    final Map<String, Object> props = new HashMap<>();
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "coffer-analytics-naming-check");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyConfig(new StreamsConfig(props));
  }
}
