package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 4: state is a pure function of the event log. A first application decides the events
 * as they arrive; a second application id, started afterwards over the same input, replays the
 * whole log at once; every store of both ends byte-identical, key by key (read from their changelog
 * topics, committed records only).
 */
@Tag("integration")
@Timeout(180)
@ExtendWith(CofferStackExtension.class)
class ReplayTest {
  private static final int PARTITIONS = 3;
  private static final int EVENTS = 4_000;

  @Test
  void aSecondApplicationOverTheSameLogBuildsByteIdenticalStores(final CofferStack stack,
                                                                 @TempDir final Path first,
                                                                 @TempDir final Path second) {
    final LedgerIt.Topics live = LedgerIt.createTopics(stack, "replay", PARTITIONS);
    final LedgerIt.Topics replay = LedgerIt.otherOutputs(stack, live, "replay-b");
    final String appId = stack.uniqueName("game");
    final LoadGenerator load = new LoadGenerator(7L, appId, 60, PARTITIONS);
    load.generate(EVENTS);
    final String liveId = stack.uniqueAppId("ledger-live");
    final String replayId = stack.uniqueAppId("ledger-replay");

    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
         KafkaProducer<String, LedgerEvent> producer = LedgerIt.producer(stack, registry)) {
      try (LedgerService ledger = LedgerService.create(LedgerIt.config(stack, liveId, first),
          LedgerIt.ledgerTopics(live))) {
        ledger.start();
        Await.until("the live ledger is RUNNING", Duration.ofSeconds(60),
            () -> MixedLoadTest.failIfDead(ledger) && ledger.state() == KafkaStreams.State.RUNNING);
        // Produced in two halves while it runs: the live app decides them in small batches.
        LedgerIt.produce(producer, live.events(), load.events().subList(0, EVENTS / 2));
        LedgerIt.produce(producer, live.events(), load.events().subList(EVENTS / 2, EVENTS));
        LedgerResults.read(stack, registry, live, appId, EVENTS, Duration.ofSeconds(90))
            .assertMatches(load.model());
      }
      // The replay starts on a log that is all there: it decides it in big batches.
      try (LedgerService ledger = LedgerService.create(LedgerIt.config(stack, replayId, second),
          LedgerIt.ledgerTopics(replay))) {
        ledger.start();
        LedgerResults.read(stack, registry, replay, appId, EVENTS, Duration.ofSeconds(90))
            .assertMatches(load.model());
        assertThat(ledger.failure()).isEmpty();
      }
    }

    final Map<String, String> liveStores = LedgerIt.changelogTopics(stack, liveId);
    final Map<String, String> replayStores = LedgerIt.changelogTopics(stack, replayId);
    assertThat(new TreeSet<>(liveStores.keySet())).as("stores with a changelog")
        .isEqualTo(new TreeSet<>(LedgerStores.ALL))
        .isEqualTo(new TreeSet<>(replayStores.keySet()));
    for (final String store : LedgerStores.ALL) {
      final Map<String, byte[]> a = LedgerIt.changelog(stack, liveStores.get(store), Duration.ofSeconds(30));
      final Map<String, byte[]> b = LedgerIt.changelog(stack, replayStores.get(store), Duration.ofSeconds(30));
      assertThat(a).as("store %s of the live app", store).isNotEmpty();
      assertThat(new TreeSet<>(b.keySet())).as("keys of store %s", store).isEqualTo(new TreeSet<>(a.keySet()));
      final long differing = a.keySet().stream().filter(k -> !Arrays.equals(a.get(k), b.get(k))).count();
      assertThat(differing).as("values of store %s that differ byte for byte (of %d)", store, a.size()).isZero();
    }
  }
}
