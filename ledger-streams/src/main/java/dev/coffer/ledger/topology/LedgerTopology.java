package dev.coffer.ledger.topology;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.dedupe.DedupeTopology;
import dev.coffer.ledger.directory.DirectoryTopics;
import dev.coffer.ledger.directory.DirectoryTopology;
import dev.coffer.ledger.fold.FoldTopology;
import dev.coffer.ledger.fold.Limits;
import dev.coffer.service.streams.QuietCommit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The ledger: the player directory ({@code DirectoryTopology}, keyed by lookup), and the receipt stage
 * (keyed by dedupe key), which writes every event it reads, judged or
 * UNJUDGED, to {@code coffer.ledger-sequence}, keyed by player key; the gateway writes player-scoped
 * events there directly; the fold reads that log. Both run in one exactly-once application
 * ({@link #build}); the fold alone replays the sequence log under another application id
 * ({@link #buildReplay}). See {@code DedupeTopology} and {@code FoldTopology}.
 */
public final class LedgerTopology {
  /**
   * Streams properties this topology needs, whatever else the deployment sets. Exactly-once is
   * what makes the receipt store, the fold's stores and every output one atomic step; explicit naming
   * makes Streams refuse to start if a store or internal topic ever got a generated name.
   */
  public static final Map<String, String> REQUIRED_CONFIG = Map.of(
      StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
      StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");

  /**
   * When a stream thread commits without waiting for the commit interval ({@link QuietCommit}; the ledger's
   * {@code commit.quiet.ms} and {@code commit.quiet.max.records}): by default never (0 ms). Set to 5 ms (a poll),
   * with at most 32 records, and the producer's {@code retry.backoff.ms} at 5, it took a third off a write's p50
   * at 8 concurrent writers (29 to 19-20 ms, deploy/bench) and half off a purchase's, left 64's p50 unchanged and
   * lengthened its p99 (docs/design.md, "Quiet commits"): for deployments with a few latency-bound writers.
   */
  public static final QuietCommit.Policy DEFAULT_QUIET_COMMIT = new QuietCommit.Policy(Duration.ZERO, 32);

  private LedgerTopology() {
  }

  /**
   * Builds the ledger topology with the default limits.
   *
   * @param topics the typed topics
   * @param observer told of every outcome and dead letter
   * @return the topology
   */
  public static Topology build(final LedgerTopics topics, final LedgerObserver observer) {
    return build(topics, observer, Limits.DEFAULTS);
  }

  /**
   * Builds the ledger topology.
   *
   * @param topics the typed topics
   * @param observer told of every outcome and dead letter
   * @param limits the bounds on one player's state (they change results, so they are configuration)
   * @return the topology
   */
  public static Topology build(final LedgerTopics topics, final LedgerObserver observer, final Limits limits) {
    return build(topics, null, observer, limits);
  }

  /**
   * Builds the ledger topology with the player directory stage.
   *
   * @param topics the typed topics
   * @param directory the directory's topics, or null for a ledger without the directory (tests on their
   *     own topics)
   * @param observer told of every outcome and dead letter
   * @param limits the bounds on one player's state
   * @return the topology
   */
  public static Topology build(final LedgerTopics topics, final DirectoryTopics directory,
                               final LedgerObserver observer, final Limits limits) {
    return build(topics, directory, observer, limits, DEFAULT_QUIET_COMMIT);
  }

  /**
   * Builds the ledger topology with the player directory stage.
   *
   * @param topics the typed topics
   * @param directory the directory's topics, or null for a ledger without the directory (tests on their
   *     own topics)
   * @param observer told of every outcome and dead letter
   * @param limits the bounds on one player's state
   * @param quietCommit when a thread commits before its commit interval ({@link QuietCommit.Policy#OFF}: never)
   * @return the topology
   */
  public static Topology build(final LedgerTopics topics, final DirectoryTopics directory,
                               final LedgerObserver observer, final Limits limits,
                               final QuietCommit.Policy quietCommit) {
    final StreamsBuilder builder = new StreamsBuilder(namingCheck());
    DedupeTopology.build(builder, topics, observer, quietCommit);
    // A user topic written and read by the same application: under exactly_once_v2 the fold reads
    // committed records only, so it never applies an event whose receipt step was aborted.
    FoldTopology.build(builder, topics, observer, limits, quietCommit);
    if (directory != null) {
      DirectoryTopology.build(builder, directory, topics.deadLetters(), observer);
    }
    return builder.build();
  }

  /**
   * Builds the fold alone over {@code topics.sequence()} (from the start, under a fresh application
   * id): the replay that invariant 4 speaks of. Point {@code topics}' outputs at scratch topics, or
   * the replay's outcomes and changes land next to the live ones.
   *
   * @param topics the typed topics; {@code events} is not used
   * @param observer told of every outcome
   * @param limits the bounds the live ledger ran with (else the replay may decide differently)
   * @return the fold-only topology
   */
  public static Topology buildReplay(final LedgerTopics topics, final LedgerObserver observer, final Limits limits) {
    final StreamsBuilder builder = new StreamsBuilder(namingCheck());
    // A replay is never quiet until it is done: it commits at the interval.
    FoldTopology.build(builder, topics, observer, limits, QuietCommit.Policy.OFF);
    return builder.build();
  }

  /**
   * The fold alone with the default limits.
   *
   * @param topics the typed topics
   * @param observer told of every outcome
   * @return the fold-only topology
   */
  public static Topology buildReplay(final LedgerTopics topics, final LedgerObserver observer) {
    return buildReplay(topics, observer, Limits.DEFAULTS);
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
