package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 10,000 mixed events for 100 players through one ledger instance on a real broker and registry;
 * what it wrote must equal what the independent {@link LedgerModel} computes.
 */
@Tag("integration")
@Timeout(180)
@ExtendWith(CofferStackExtension.class)
class MixedLoadTest {
  private static final Logger LOG = LoggerFactory.getLogger(MixedLoadTest.class);
  private static final int PARTITIONS = 4;
  private static final int EVENTS = 10_000;

  @Test
  void tenThousandMixedEventsEndInTheModelsState(final CofferStack stack, @TempDir final Path stateDir) {
    final LedgerIt.Topics topics = LedgerIt.createTopics(stack, "mixed", PARTITIONS);
    final String appId = stack.uniqueName("game");
    // One partition per player (the generator's default): the independent model needs a known
    // per-player order, which live the gateway's wait-for-outcome gives; ReplayTest lifts it.
    final LoadGenerator load = new LoadGenerator(20_260_101L, appId, 100, PARTITIONS);
    load.generate(EVENTS);

    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        LedgerService ledger = LedgerService.create(LedgerIt.config(stack, stack.uniqueAppId("ledger-mixed"),
            stateDir), LedgerIt.ledgerTopics(topics));
        KafkaProducer<String, LedgerEvent> producer = LedgerIt.producer(stack, registry)) {
      ledger.start();
      Await.until("the ledger is RUNNING", Duration.ofSeconds(60),
          () -> failIfDead(ledger) && ledger.state() == KafkaStreams.State.RUNNING);
      final long started = System.nanoTime();
      LedgerIt.produce(producer, topics.events(), load.events());

      final LedgerResults results = LedgerResults.read(stack, registry, topics, appId, EVENTS, Duration.ofSeconds(120));
      LOG.info("{} events decided in {} ms; outcomes {}", EVENTS, (System.nanoTime() - started) / 1_000_000,
          LedgerResults.counts(load.model().outcomes().stream()
              .map(e -> new String[] {e.status(), e.reason()}).toList()));

      assertThat(ledger.failure()).isEmpty();
      results.assertMatches(load.model());
      // The mix is what the test claims it is.
      assertThat(load.model().outcomes().stream().filter(e -> e.status().equals(LedgerModel.DUPLICATE)).count())
          .isGreaterThan(EVENTS / 20);
      assertThat(load.model().outcomes().stream().filter(e -> e.status().equals(LedgerModel.REJECTED)).count())
          .isGreaterThan(EVENTS / 20);
    }
  }

  static boolean failIfDead(final LedgerService ledger) {
    if (ledger.state() == KafkaStreams.State.ERROR || ledger.failure().isPresent()) {
      throw new AssertionError("the ledger failed", ledger.failure().orElse(null));
    }
    return true;
  }
}
