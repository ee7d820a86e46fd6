package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.it.LedgerModel.Ev;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 4: the fold's state is a pure function of {@code coffer.ledger-sequence}, and dedupe's of
 * {@code coffer.ledger-events}. Each player's events span input partitions here (as in production),
 * so the order in which the live fold sees them is decided by timing. A live application decides
 * them as they arrive; then the fold alone replays the live sequence topic under a second
 * application id and ends with byte-identical fold stores and the same outcomes per player; and the
 * full topology over the same events under a third application id ends with a byte-identical
 * {@code receipts} store (stores read from their changelog topics, committed records only).
 */
@Tag("integration")
@Timeout(180)
@ExtendWith(CofferStackExtension.class)
class ReplayTest {
  private static final int PARTITIONS = 3;
  private static final int EVENTS = 3_000;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> FOLD_STORES = List.of(LedgerStores.PLAYER_STATE, LedgerStores.PLAYER_EVENTS);

  @Test
  void theFoldReplaysItsSequenceAndDedupeItsEventsByteForByte(final CofferStack stack,
                                                              @TempDir final Path liveDir,
                                                              @TempDir final Path foldDir,
                                                              @TempDir final Path fullDir) {
    final LedgerIt.Topics live = LedgerIt.createTopics(stack, "replay", PARTITIONS);
    final LedgerIt.Topics foldReplay = LedgerIt.replayOutputs(stack, live, "replay-fold");
    final LedgerIt.Topics fullReplay = LedgerIt.otherOutputs(stack, live, "replay-full");
    final String appId = stack.uniqueName("game");
    // Players' events spread over partitions: the case a replay of the events topic gets wrong.
    final LoadGenerator load = new LoadGenerator(7L, appId, 60, PARTITIONS, false);
    load.generate(EVENTS);
    assertPlayersSpanPartitions(load);
    final String liveId = stack.uniqueAppId("ledger-live");
    final String foldId = stack.uniqueAppId("ledger-fold-replay");
    final String fullId = stack.uniqueAppId("ledger-full-replay");

    final Map<String, List<LedgerOutcome>> liveOutcomes;
    final Map<String, List<LedgerOutcome>> replayedOutcomes;
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        KafkaProducer<String, LedgerEvent> producer = LedgerIt.producer(stack, registry)) {
      try (LedgerService ledger = LedgerService.create(LedgerIt.config(stack, liveId, liveDir),
          LedgerIt.ledgerTopics(live))) {
        ledger.start();
        Await.until("the live ledger is RUNNING", Duration.ofSeconds(60),
            () -> MixedLoadTest.failIfDead(ledger) && ledger.state() == KafkaStreams.State.RUNNING);
        // Produced in two halves while it runs: the live app decides them in small batches.
        LedgerIt.produce(producer, live.events(), load.events().subList(0, EVENTS / 2));
        LedgerIt.produce(producer, live.events(), load.events().subList(EVENTS / 2, EVENTS));
        liveOutcomes = outcomesByPlayer(stack, registry, live, appId);
        assertThat(ledger.failure()).isEmpty();
      }
      // Both replays start on logs that are all there (they decide them in big batches), side by side.
      try (LedgerService fold = LedgerService.replay(LedgerIt.config(stack, foldId, foldDir),
          LedgerIt.ledgerTopics(foldReplay));
          LedgerService full = LedgerService.create(LedgerIt.config(stack, fullId, fullDir),
              LedgerIt.ledgerTopics(fullReplay))) {
        fold.start();
        full.start();
        replayedOutcomes = outcomesByPlayer(stack, registry, foldReplay, appId);
        outcomesByPlayer(stack, registry, fullReplay, appId);
        assertThat(fold.failure()).isEmpty();
        assertThat(full.failure()).isEmpty();
      }
    }

    assertThat(replayedOutcomes).as("outcomes of the fold replay, per player, in order").isEqualTo(liveOutcomes);
    assertSameStores(stack, liveId, foldId, FOLD_STORES);
    assertSameStores(stack, liveId, fullId, List.of(LedgerStores.RECEIPTS));
  }

  /** Without players whose dedupe keys span partitions, the test would prove nothing about order. */
  private static void assertPlayersSpanPartitions(final LoadGenerator load) {
    final Map<String, Set<Integer>> partitions = new HashMap<>();
    for (final Ev ev : load.events()) {
      partitions.computeIfAbsent(ev.playerRef(), p -> new TreeSet<>()).add(load.partitionOf(ev.dedupeKey()));
    }
    final long spanning = partitions.values().stream().filter(s -> s.size() > 1).count();
    assertThat(spanning).as("players whose events span input partitions (of %d)", partitions.size())
        .isGreaterThanOrEqualTo(partitions.size() / 2);
  }

  /** Waits for an outcome of every event, then returns the tenant's outcomes per player, in order. */
  private static Map<String, List<LedgerOutcome>> outcomesByPlayer(final CofferStack stack,
                                                                   final RestSchemaRegistry registry,
                                                                   final LedgerIt.Topics topics,
                                                                   final String appId) {
    final String tenant = appId + "|";
    final List<ConsumerRecord<String, LedgerOutcome>> records = LedgerIt.readAll(stack, topics.outcomes(),
        LedgerIt.strings(), LedgerIt.avro(registry, LedgerOutcome.class), EVENTS, r -> r.key().startsWith(tenant),
        WAIT, true);
    final Map<String, List<LedgerOutcome>> byPlayer = records.stream().filter(r -> r.key().startsWith(tenant))
        .collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new,
            Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
    assertThat(byPlayer.values().stream().mapToInt(List::size).sum()).as("outcomes on %s", topics.outcomes())
        .isEqualTo(EVENTS);
    return byPlayer;
  }

  private static void assertSameStores(final CofferStack stack, final String liveId, final String replayId,
                                       final List<String> stores) {
    final Map<String, String> liveStores = LedgerIt.changelogTopics(stack, liveId);
    final Map<String, String> replayStores = LedgerIt.changelogTopics(stack, replayId);
    for (final String store : stores) {
      assertThat(liveStores).as("changelogs of %s", liveId).containsKey(store);
      assertThat(replayStores).as("changelogs of %s", replayId).containsKey(store);
      final Map<String, byte[]> a = LedgerIt.changelog(stack, liveStores.get(store), Duration.ofSeconds(30));
      final Map<String, byte[]> b = LedgerIt.changelog(stack, replayStores.get(store), Duration.ofSeconds(30));
      assertThat(a).as("store %s of the live app", store).isNotEmpty();
      assertThat(new TreeSet<>(b.keySet())).as("keys of store %s in %s", store, replayId)
          .isEqualTo(new TreeSet<>(a.keySet()));
      final long differing = a.keySet().stream().filter(k -> !Arrays.equals(a.get(k), b.get(k))).count();
      assertThat(differing).as("values of store %s in %s that differ byte for byte (of %d)", store, replayId,
          a.size()).isZero();
    }
  }
}
