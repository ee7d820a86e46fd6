package dev.coffer.ledger;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The ledger: dedupe (keyed by dedupe key) then fold (keyed by player key), wired into one
 * topology. See {@code DedupeTopology} and {@code FoldTopology} for each half.
 */
public final class LedgerTopology {
  /**
   * The repartition topic between dedupe and fold, as named in the topology; Kafka Streams creates
   * it as {@code <application.id>-ledger-fold-input-repartition}.
   */
  public static final String FOLD_INPUT = "ledger-fold-input";

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
    throw new UnsupportedOperationException("ledger topology: in progress");
  }
}
