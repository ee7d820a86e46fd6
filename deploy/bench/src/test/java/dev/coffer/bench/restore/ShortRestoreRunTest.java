package dev.coffer.bench.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.bench.Report;
import dev.coffer.embedded.CofferStack;
import dev.coffer.ledger.LedgerStores;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore measurement at a tiny scale, so that it cannot rot: 2,000 players built by a ledger child JVM, one
 * SIGKILL and restart on the state folder, one restart on an empty state folder (a full restore from the
 * changelogs), then one failover to a standby.
 * Asserts what was restored, answered and owned, never how fast.
 */
@Tag("integration")
@Timeout(300)
class ShortRestoreRunTest {
  private static final Logger LOG = LoggerFactory.getLogger(ShortRestoreRunTest.class);
  private static final int PLAYERS = 2_000;

  @Test
  void aKilledInstanceRestoresEveryChangelogRecordAndAStandbyTakesOverAKilledOne(@TempDir final Path work) {
    // A broker of its own: SIGKILLed instances leave open transactions and fenced producers behind, which the
    // suite's shared broker should not carry into the next test class.
    final RestoreResult result;
    try (CofferStack stack = CofferStack.start()) {
      stack.installCofferTopics();
      result = new RestoreBench(stack.bootstrapServers(), stack.registryUrl(), stack.admin(), work)
          .run(RestoreOptions.small(PLAYERS));
    }
    final Report report = new Report();
    RestoreReport.add(result, report);
    LOG.info("\n{}", report.render());

    final RestoreResult.Restore restore = result.restore();
    assertThat(restore.players()).isEqualTo(PLAYERS);
    assertThat(restore.purchases()).isEqualTo(PLAYERS / 5);
    // Transactional state stores keep what a task checkpointed, which it does once its changelogs moved 10,000
    // records past the last checkpoint: at this scale none has, so the crash restart restores what the full one
    // does (30,000 players still restored all 78,000 records). deploy/bench's 1M players show the bounded tail.
    assertThat(restore.crash().log().restored()).as("records the crash restart restored")
        .isLessThanOrEqualTo(restore.raw().totalRecords());
    // An empty state folder restores every record of every changelog.
    assertThat(restore.raw().totalRecords()).as("changelog records").isGreaterThanOrEqualTo(restore.events());
    assertThat(restore.freshRaw().records()).as("records the fresh-JVM read found, the same changelogs")
        .isEqualTo(restore.raw().totalRecords());
    assertThat(restore.freshRaw().nanos()).isPositive();
    // The player directory's changelog is empty here (the bench's players never went through a gateway).
    final Map<String, Long> written = new TreeMap<>(restore.raw().records());
    written.values().removeIf(records -> records == 0);
    final Map<String, Long> restored = new TreeMap<>(restore.wiped().log().restoredByTopic());
    restored.values().removeIf(records -> records == 0);
    // Every record the raw read found, and at most the first probing round's since (one per probe and store).
    assertThat(restored).as("records restored per changelog").containsOnlyKeys(written.keySet());
    written.forEach((topic, records) -> assertThat(restored.get(topic)).as(topic)
        .isBetween(records, records + RestoreBench.probesPerRound()));
    assertThat(restore.wiped().log().partitionsFinished()).as("changelog partitions restored (6 of each store's, the"
        + " directory's empty ones whether or not Streams logs them)").isBetween(18, 24);
    assertThat(restore.wiped().log().runningMillis()).isPresent();
    assertThat(restore.wiped().restartToServingMillis()).isPositive();
    assertThat(restore.crash().restartToServingMillis()).isPositive();
    assertThat(restore.changelogBytes()).as("bytes of each changelog the run filled").allSatisfy((topic, bytes) -> {
      if (!topic.endsWith("-" + LedgerStores.PLAYER_DIRECTORY + "-changelog")) {
        assertThat(bytes).as(topic).isPositive();
      }
    });

    // At the end the survivor's stores hold what the run made, each receipt and player event under one key.
    // Its changelog holds at least that many records: one CI run under heavy load found 1,049 more records
    // than keys in player-events after the failover (under investigation; outcomes stay exactly-once, as the
    // fault harness checks), so the footprint check does not assert one record per key.
    final RestoreResult.KeyCost cost = result.keyCost();
    for (final StoreFootprint store : cost.stores()) {
      assertThat(store.tenantKeys()).as(store.store() + " keys of the run's tenant")
          .isEqualTo(cost.expectedTenantKeys().get(store.store()));
      if (store.store().equals(LedgerStores.PLAYER_DIRECTORY)) {
        continue;
      }
      assertThat(store.sstBytes()).as(store.store() + " SST bytes").isPositive();
      if (!store.store().equals(LedgerStores.PLAYER_STATE)) {
        assertThat(cost.changelogRecords().get(result.applicationId() + "-" + store.store() + "-changelog"))
            .as(store.store() + " changelog records").isGreaterThanOrEqualTo(store.keys());
      }
    }

    final RestoreResult.Failover failover = result.failover();
    assertThat(failover.killedOwned()).as("partitions the killed instance owned").isNotEmpty();
    assertThat(failover.survivorOwnsAll()).as("the survivor owns every partition").isTrue();
    assertThat(failover.servingMillisByPartition()).as("partitions whose probes were answered").hasSize(6);
    assertThat(failover.loadAcked()).as("grants acknowledged during the failover").isEqualTo(failover.loadSent())
        .isPositive();
    assertThat(result.failoverSettings()).containsKeys(Instances.FAILOVER_SETTINGS.toArray(String[]::new));
  }
}
