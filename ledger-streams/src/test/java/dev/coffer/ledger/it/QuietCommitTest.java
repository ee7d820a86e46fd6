package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code commit.quiet.ms}: a ledger whose commit interval is a minute still decides a few events, receipts (two
 * exactly-once stages) included, within seconds, because each stage commits once its input goes quiet. Without
 * quiet commits nothing would be visible to read_committed readers before the interval's first commit.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(CofferStackExtension.class)
class QuietCommitTest {
  private static final int EVENTS = 12;

  @Test
  void aQuietLedgerCommitsLongBeforeItsInterval(final CofferStack stack, @TempDir final Path stateDir) {
    final LedgerIt.Topics topics = LedgerIt.createTopics(stack, "quiet", 2);
    final LoadGenerator load = new LoadGenerator(13L, stack.uniqueName("game"), 4, 2, false);
    load.generate(EVENTS);
    final Map<String, String> settings = LedgerIt.settings(stack, stack.uniqueAppId("ledger-quiet"), stateDir);
    settings.put(LedgerConfig.COMMIT_INTERVAL_MS, "60000");
    // A transaction may stay open for the whole interval.
    settings.put("kafka.producer.transaction.timeout.ms", "120000");
    settings.put(LedgerConfig.COMMIT_QUIET_MS, "5");
    settings.put(LedgerConfig.COMMIT_QUIET_MAX_RECORDS, "1000");
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        KafkaProducer<String, LedgerEvent> producer = LedgerIt.producer(stack, registry);
        LedgerService ledger = LedgerService.create(LedgerConfig.fromMap(settings), LedgerIt.ledgerTopics(topics))) {
      ledger.start();
      Await.until("the ledger is RUNNING", Duration.ofSeconds(60),
          () -> MixedLoadTest.failIfDead(ledger) && ledger.state() == KafkaStreams.State.RUNNING);
      final long produced = System.nanoTime();
      LedgerIt.produce(producer, topics.events(), load.events());
      // Half the interval: an interval commit cannot have happened since the ledger started.
      final List<ConsumerRecord<String, LedgerOutcome>> outcomes = LedgerIt.readSome(stack, topics.outcomes(),
          LedgerIt.strings(), LedgerIt.avro(registry, LedgerOutcome.class), EVENTS, r -> true, Duration.ofSeconds(30));
      assertThat(outcomes).hasSize(EVENTS);
      assertThat(Duration.ofNanos(System.nanoTime() - produced)).isLessThan(Duration.ofSeconds(30));
      MixedLoadTest.failIfDead(ledger);
    }
  }
}
