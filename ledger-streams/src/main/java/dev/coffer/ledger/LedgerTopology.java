package dev.coffer.ledger;

import dev.coffer.ledger.dedupe.DedupeTopology;
import dev.coffer.ledger.dedupe.VerdictedEvent;
import dev.coffer.ledger.fold.FoldTopology;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The ledger: dedupe (keyed by dedupe key) then fold (keyed by player key), wired into one
 * topology. See {@code DedupeTopology} and {@code FoldTopology} for each half.
 */
public final class LedgerTopology {
  /**
   * The repartition topic between dedupe and fold, as named in the topology; Kafka Streams creates
   * it as {@code <application.id>-ledger-fold-input-repartition}.
   */
  public static final String FOLD_INPUT = DedupeTopology.FOLD_INPUT;

  /**
   * Streams properties this topology needs, whatever else the deployment sets. Exactly-once is
   * what makes the dedupe store, the fold stores and every output one atomic step; explicit naming
   * makes Streams refuse to start if a store or internal topic ever got a generated name.
   */
  public static final Map<String, String> REQUIRED_CONFIG = Map.of(
      StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
      StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");

  private LedgerTopology() {
  }

  /**
   * Builds the ledger topology with the default options (dedupe keys kept forever).
   *
   * @param topics the typed topics
   * @param observer told of every outcome and dead letter
   * @return the topology
   */
  public static Topology build(final LedgerTopics topics, final LedgerObserver observer) {
    return build(topics, observer, LedgerOptions.DEFAULTS);
  }

  /**
   * Builds the ledger topology.
   *
   * @param topics the typed topics
   * @param observer told of every outcome and dead letter
   * @param options tunables that change results (dedupe retention)
   * @return the topology
   */
  public static Topology build(final LedgerTopics topics, final LedgerObserver observer,
                               final LedgerOptions options) {
    final StreamsBuilder builder = new StreamsBuilder(namingCheck());
    final KStream<String, VerdictedEvent> judged = DedupeTopology.build(builder, topics, observer, options);
    FoldTopology.build(judged, topics, observer);
    return builder.build();
  }

  /**
   * The naming check runs when the topology is built, with the builder's own config: build with
   * {@link #REQUIRED_CONFIG} so a generated name fails here, in every test, not only in production.
   * Only topology-level settings are read from it; KafkaStreams later applies the deployment's.
   */
  private static TopologyConfig namingCheck() {
    final Map<String, Object> props = new HashMap<>(REQUIRED_CONFIG);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "coffer-ledger-naming-check");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyConfig(new StreamsConfig(props));
  }
}
