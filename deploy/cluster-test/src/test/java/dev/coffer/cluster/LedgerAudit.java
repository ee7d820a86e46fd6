package dev.coffer.cluster;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.topics.CofferTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the cluster recorded, read from the host through the published loopback listeners, checked
 * against what the gateway acknowledged and against an independent replay: the ledger's own fold
 * ({@link LedgerTopology#buildReplay}) run in a {@link TopologyTestDriver} (no broker, no RocksDB of the
 * cluster) over every record of {@code coffer.ledger-sequence}.
 */
final class LedgerAudit {
  private final String bootstrapServers;
  private final RestSchemaRegistry registry;
  private final LedgerTopics topics;

  LedgerAudit(final String bootstrapServers, final RestSchemaRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
    // Lookup only: the cluster's writers registered every subject.
    this.topics = LedgerTopics.withRegistry(registry, false);
  }

  /** Every committed outcome, read once the log names all of {@code mustCover} (or the deadline passed). */
  List<LedgerOutcome> outcomes(final Set<String> mustCover, final Duration deadline) {
    final Set<String> covered = new HashSet<>();
    return read(CofferTopics.LEDGER_OUTCOMES.name(), topics.outcomes().valueSerde().deserializer(), r -> {
      covered.add(r.value().getEventId().toString());
      return covered.containsAll(mustCover);
    }, deadline).stream().map(ConsumerRecord::value).toList();
  }

  /** Every committed record of the fold's input log, to its end offsets now. */
  List<ConsumerRecord<String, SequencedEvent>> sequence(final Duration deadline) {
    return read(CofferTopics.LEDGER_SEQUENCE.name(), topics.sequence().valueSerde().deserializer(), null, deadline);
  }

  /** The outcomes the ledger's fold computes from {@code sequence} alone, in a fresh application. */
  List<LedgerOutcome> replay(final List<ConsumerRecord<String, SequencedEvent>> sequence, final Path stateDir) {
    final Properties props = new Properties();
    props.putAll(LedgerTopology.REQUIRED_CONFIG);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cluster-test-replay-" + UUID.randomUUID());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(LedgerTopology.buildReplay(topics, LedgerObserver.NONE),
        props)) {
      final TestInputTopic<String, SequencedEvent> input = driver.createInputTopic(topics.sequence().name(),
          new StringSerializer(), topics.sequence().valueSerde().serializer());
      // One partition after the other: a player's records are all in one partition, in their order.
      for (final ConsumerRecord<String, SequencedEvent> r : sequence) {
        input.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), Instant.ofEpochMilli(r.timestamp())));
      }
      return driver.createOutputTopic(topics.outcomes().name(), new StringDeserializer(),
          topics.outcomes().valueSerde().deserializer()).readValuesToList();
    }
  }

  /** Checks the log against the acknowledgements and the replay. */
  static AuditResult check(final Map<String, LedgerLoad.Ack> acks, final Map<String, String> pendingReplays,
                           final List<LedgerOutcome> outcomes, final List<LedgerOutcome> replay) {
    final Map<String, List<LedgerOutcome>> byEvent = new HashMap<>();
    outcomes.forEach(o -> byEvent.computeIfAbsent(o.getEventId().toString(), k -> new ArrayList<>()).add(o));
    final List<String> twice = new ArrayList<>();
    byEvent.forEach((id, list) -> {
      if (list.size() > 1) {
        twice.add(id + " has " + list.size() + " outcomes");
      }
    });
    // Nothing applied twice: at most one APPLIED outcome per dedupe key, whatever the eventIds.
    final Map<String, Integer> appliedPerKey = new HashMap<>();
    outcomes.stream().filter(o -> o.getStatus() == OutcomeStatus.APPLIED)
        .forEach(o -> appliedPerKey.merge(o.getDedupeKey(), 1, Integer::sum));
    appliedPerKey.forEach((key, n) -> {
      if (n > 1) {
        twice.add(key + " applied " + n + " times");
      }
    });

    final List<String> lost = new ArrayList<>();
    final Map<String, Long> expected = new TreeMap<>();
    for (final LedgerLoad.Ack ack : acks.values()) {
      final List<LedgerOutcome> found = byEvent.get(ack.eventId());
      if (found == null) {
        lost.add(ack.idempotencyKey() + " (" + ack.status() + " " + ack.eventId() + ")");
        continue;
      }
      // A request answered 202 (past the wait bound) may be the retry of one whose first try was
      // recorded after all (a 503 says "unknown"): its outcome is then a DUPLICATE; the original counts.
      final LedgerOutcome o = original(found.get(0), byEvent);
      if (o == null) {
        lost.add(ack.idempotencyKey() + " (" + ack.status() + " " + ack.eventId() + "): DUPLICATE of an event"
            + " without an outcome");
        continue;
      }
      if (!ack.status().equals("PENDING") && (!o.getStatus().name().equals(ack.status())
          || ack.status().equals("APPLIED") && o.getVersion() != ack.version())) {
        lost.add(ack.idempotencyKey() + " acknowledged " + ack.status() + " v" + ack.version() + ", logged "
            + o.getStatus() + " v" + o.getVersion());
      }
      if (o.getStatus() == OutcomeStatus.APPLIED) {
        expected.merge(o.getAppId() + "|" + o.getPlayerRef(), ack.delta(), Long::sum);
      }
    }

    // A replay answered 202 must have been recorded as a DUPLICATE of the request it replayed.
    pendingReplays.forEach((replayId, originalId) -> {
      final List<LedgerOutcome> found = byEvent.get(replayId);
      if (found == null || found.get(0).getStatus() != OutcomeStatus.DUPLICATE
          || !originalId.equals(found.get(0).getOriginalEventId())) {
        lost.add("replay " + replayId + " of " + originalId + " logged as "
            + (found == null ? "nothing" : found.get(0).getStatus() + " of " + found.get(0).getOriginalEventId()));
      }
    });

    final Map<String, Long> lastVersion = new HashMap<>();
    final List<String> gaps = new ArrayList<>();
    final Map<String, Long> logged = new TreeMap<>();
    for (final LedgerOutcome o : outcomes) {
      if (o.getStatus() != OutcomeStatus.APPLIED) {
        continue;
      }
      final String player = o.getAppId() + "|" + o.getPlayerRef();
      final long next = lastVersion.getOrDefault(player, 0L) + 1;
      if (o.getVersion() != next) {
        gaps.add(player + " v" + o.getVersion() + " after v" + (next - 1));
      }
      lastVersion.put(player, o.getVersion());
      for (final BalanceChange b : o.getBalances()) {
        if (b.getCurrency().equals(LedgerLoad.CURRENCY)) {
          logged.put(player, b.getBalance());
        }
      }
    }

    final Map<String, LedgerOutcome> replayed = new HashMap<>();
    replay.forEach(o -> replayed.putIfAbsent(o.getEventId().toString(), o));
    final List<String> mismatches = new ArrayList<>();
    byEvent.forEach((id, list) -> {
      if (!Objects.equals(list.get(0), replayed.get(id))) {
        mismatches.add(id + ": " + list.get(0).getStatus() + " v" + list.get(0).getVersion() + " vs replay "
            + (replayed.get(id) == null ? "none" : replayed.get(id).getStatus() + " v" + replayed.get(id)
                .getVersion()));
      }
    });
    if (replay.size() != outcomes.size()) {
      mismatches.add("the replay has " + replay.size() + " outcomes, the ledger " + outcomes.size());
    }
    // Independent arithmetic: the sum of what the gateway acknowledged as applied, per player.
    final List<String> balanceMismatches = new ArrayList<>();
    expected.forEach((player, sum) -> {
      if (!Objects.equals(logged.get(player), sum)) {
        balanceMismatches.add(player + ": acknowledged sum " + sum + ", ledger " + logged.get(player));
      }
    });
    return new AuditResult(acks.size(), outcomes.size(), count(outcomes, OutcomeStatus.APPLIED),
        count(outcomes, OutcomeStatus.DUPLICATE), count(outcomes, OutcomeStatus.REJECTED), replay.size(),
        lastVersion.size(), twice, lost, gaps, mismatches, balanceMismatches, lastVersion, logged);
  }

  /** The outcome itself, or for a DUPLICATE the original's (null if the log has none). */
  private static LedgerOutcome original(final LedgerOutcome outcome, final Map<String, List<LedgerOutcome>> byEvent) {
    if (outcome.getStatus() != OutcomeStatus.DUPLICATE || outcome.getOriginalEventId() == null) {
      return outcome;
    }
    final List<LedgerOutcome> original = byEvent.get(outcome.getOriginalEventId());
    return original == null ? null : original.get(0);
  }

  private static long count(final List<LedgerOutcome> outcomes, final OutcomeStatus status) {
    return outcomes.stream().filter(o -> o.getStatus() == status).count();
  }

  /**
   * Reads {@code topic} read_committed from the start until {@code done} has said yes (or the deadline
   * passed; at once if {@code done} is null), then on to the end offsets taken at that moment, so that a
   * record committed twice cannot hide behind the first.
   */
  private <V> List<ConsumerRecord<String, V>> read(final String topic, final Deserializer<V> values,
                                                   final Predicate<ConsumerRecord<String, V>> done,
                                                   final Duration deadline) {
    final Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "cluster-test-audit-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    final List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long until = System.nanoTime() + deadline.toNanos();
      boolean satisfied = done == null;
      Map<TopicPartition, Long> end = null;
      while (true) {
        for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r);
          satisfied = satisfied || done.test(r);
        }
        if (end == null && (satisfied || System.nanoTime() - until > 0)) {
          end = consumer.endOffsets(partitions);
        }
        if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          // Partition by partition, as the replay wants them.
          out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
              : Long.compare(a.offset(), b.offset()));
          return out;
        }
      }
    }
  }
}
