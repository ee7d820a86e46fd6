package dev.coffer.bench.restore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What a restore run measured.
 *
 * @param applicationId the ledger's application id (its changelogs are {@code <id>-<store>-changelog})
 * @param restore the restore without a standby
 * @param failover the failover to a standby
 * @param keyCost what the stores take on disk at the end
 * @param failoverSettings the Kafka settings that bound a failover, as the instances ran with them
 */
public record RestoreResult(String applicationId, Restore restore, Failover failover, KeyCost keyCost,
                            Map<String, String> failoverSettings) {

  /**
   * One restart of a killed instance.
   *
   * @param restartToRunningMillis from the restart (process start) to Streams RUNNING (its log)
   * @param restartToServingMillis from the restart until every partition's probes had their outcomes
   * @param log the restore as Kafka Streams logged it
   */
  public record Restart(long restartToRunningMillis, long restartToServingMillis, RestoreLog.Restore log) {
    /** Records restored per second over the restore window Streams logged. */
    public double restoreRecordsPerSecond() {
      return log.windowMillis() == 0 ? 0 : log.restored() / (log.windowMillis() / 1e3);
    }
  }

  /**
   * One instance, no standby: built, killed and restarted on its state folder (a crash: transactional state
   * stores keep what was committed, so it restores the changelogs' tail), then killed again and restarted on an
   * empty state folder (a lost volume: it restores every record).
   *
   * @param players players populated
   * @param events events they made (grants and purchases)
   * @param purchases store purchases among them
   * @param produceMillis producing the events, as the gateway writes them
   * @param applyMillis from the first event produced to the last outcome seen
   * @param crash the restart on the state folder the killed instance left
   * @param wiped the restart on an empty state folder: the full restore whose rate is measured
   * @param changelogBytes each changelog's bytes on the broker's disk
   * @param raw the raw read of the same changelogs, while the instance was down
   * @param freshRaw the same read in a fresh JVM with the instances' JVM options ({@link FreshJvmRead})
   */
  public record Restore(int players, long events, int purchases, long produceMillis, long applyMillis,
                        Restart crash, Restart wiped, Map<String, Long> changelogBytes, Changelogs.RawRead raw,
                        FreshJvmRead.Result freshRaw) {
    /** Every changelog's bytes. */
    public long changelogBytesTotal() {
      return changelogBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records read per second by the raw read. */
    public double rawRecordsPerSecond() {
      return raw.totalRecords() / (raw.nanos() / 1e9);
    }
  }

  /**
   * Two instances with one standby each; the one owning partitions killed and not restarted.
   *
   * @param killedOwned the input partitions the killed instance owned (its active tasks)
   * @param survivorOwnsAll whether the survivor owned every input partition afterwards
   * @param killToServingMillis from the kill until every partition's probes had their outcomes
   * @param servingMillisByPartition per partition, from the kill to its probes' outcomes
   * @param standbyCatchUpMillis from both instances RUNNING until the survivor's standbys had no lag
   * @param restoredAtFailover records the survivor restored after the kill (its standbys' remaining lag)
   * @param loadSent grants offered during the failover
   * @param loadAcked of which acknowledged (each must get an outcome)
   */
  public record Failover(Set<TopicPartition> killedOwned, boolean survivorOwnsAll, long killToServingMillis,
                         Map<Integer, Long> servingMillisByPartition, long standbyCatchUpMillis,
                         long restoredAtFailover, long loadSent, long loadAcked) {
  }

  /**
   * What the stores take at the end of the run, in the survivor's state folder after a clean close (it then
   * holds every task) and in the changelogs.
   *
   * @param stores each store's footprint, in {@code LedgerStores.ALL}'s order
   * @param changelogBytes each changelog's bytes on the broker's disk
   * @param changelogRecords each changelog's records (read_committed)
   * @param expectedTenantKeys each store's keys the run made for its tenant (population, probes, load)
   */
  public record KeyCost(List<StoreFootprint> stores, Map<String, Long> changelogBytes,
                        Map<String, Long> changelogRecords, Map<String, Long> expectedTenantKeys) {
  }
}
