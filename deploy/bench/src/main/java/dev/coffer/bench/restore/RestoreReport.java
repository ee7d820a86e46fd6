package dev.coffer.bench.restore;

import dev.coffer.bench.Report;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A restore run's rows and JSON sections in the bench's {@link Report}. */
public final class RestoreReport {
  /** The number of keys the disk cost is extrapolated to. */
  static final long EXTRAPOLATED_KEYS = 100_000_000L;

  private RestoreReport() {
  }

  /** Adds {@code result}'s rows and its {@code restore}, {@code failover} and {@code keyCost} sections. */
  public static void add(final RestoreResult result, final Report report) {
    restore(result.restore(), report);
    failover(result, report);
    keyCost(result.keyCost(), report);
  }

  private static void restore(final RestoreResult.Restore r, final Report report) {
    final RestoreResult.Restart crash = r.crash();
    final RestoreResult.Restart wiped = r.wiped();
    final double rawPerSecond = r.rawRecordsPerSecond();
    final double restorePerSecond = wiped.restoreRecordsPerSecond();
    final double bytes = r.changelogBytesTotal();
    final double restoreSeconds = wiped.log().windowMillis() / 1e3;
    final double rawSeconds = r.raw().nanos() / 1e9;
    report.row(String.format(Locale.ROOT, "crash without standby (%,d players): restart -> RUNNING", r.players()),
        seconds(crash.restartToRunningMillis()), String.format(Locale.ROOT,
            "SIGKILL once every outcome was committed, restart on the same state folder: transactional state "
                + "stores kept what was committed; restored %,d of %,d changelog records (%s) in %.2f s",
            crash.log().restored(), r.raw().totalRecords(), byTopic(crash.log().restoredByTopic()),
            crash.log().windowMillis() / 1e3));
    report.row("crash without standby: restart -> every partition serving", seconds(crash.restartToServingMillis()),
        "a grant and a purchase in each of the 6 partitions, outcomes seen read_committed");
    report.row("lost state folder: restart -> RUNNING", seconds(wiped.restartToRunningMillis()),
        String.format(Locale.ROOT, "killed again, its state folder deleted (a new node or volume); Streams' "
            + "restore %.2f s of it", restoreSeconds));
    report.row("lost state folder: restart -> every partition serving", seconds(wiped.restartToServingMillis()),
        "the same probes, a second round");
    report.row("restore rate, lost state folder (Streams' changelog reader log)",
        rates(restorePerSecond, bytes / restoreSeconds),
        String.format(Locale.ROOT, "%,d records restored (%s), %s of changelog, first start to last finish %.2f s",
            wiped.log().restored(), byTopic(wiped.log().restoredByTopic()), mb(bytes), restoreSeconds));
    report.row("raw read of the same changelogs (plain read_committed consumer)",
        rates(rawPerSecond, bytes / rawSeconds), String.format(Locale.ROOT, "%,d records in %.2f s, same partitions",
            r.raw().totalRecords(), rawSeconds));
    report.row("ratio restore / raw read", Report.ratio(restorePerSecond / rawPerSecond), "target >= 0.5");
    final double freshPerSecond = r.freshRaw().recordsPerSecond();
    report.row("raw read of the same changelogs in a fresh JVM (the instances' JVM options)",
        rates(freshPerSecond, bytes / (r.freshRaw().nanos() / 1e9)), String.format(Locale.ROOT,
            "%,d records in %.2f s: the restarted instance restores in a JVM that has compiled nothing yet",
            r.freshRaw().records(), r.freshRaw().nanos() / 1e9));
    report.row("ratio restore / fresh-JVM raw read", Report.ratio(restorePerSecond / freshPerSecond),
        "both cold: what Streams and RocksDB add to a read; the target is against the warm read above");
    final Map<String, Object> json = new LinkedHashMap<>();
    json.put("players", r.players());
    json.put("events", r.events());
    json.put("purchases", r.purchases());
    json.put("produceSeconds", r.produceMillis() / 1e3);
    json.put("applySeconds", r.applyMillis() / 1e3);
    json.put("crashRestartToRunningSeconds", crash.restartToRunningMillis() / 1e3);
    json.put("crashRestartToServingSeconds", crash.restartToServingMillis() / 1e3);
    json.put("crashRestoreSeconds", crash.log().windowMillis() / 1e3);
    json.put("crashRestoredRecords", crash.log().restored());
    json.put("crashRestoredRecordsByTopic", crash.log().restoredByTopic());
    json.put("restartToRunningSeconds", wiped.restartToRunningMillis() / 1e3);
    json.put("restartToServingSeconds", wiped.restartToServingMillis() / 1e3);
    json.put("restoreSeconds", restoreSeconds);
    json.put("restoredRecords", wiped.log().restored());
    json.put("restoredRecordsByTopic", wiped.log().restoredByTopic());
    json.put("changelogBytesByTopic", r.changelogBytes());
    json.put("restoreRecordsPerSecond", restorePerSecond);
    json.put("restoreBytesPerSecond", bytes / restoreSeconds);
    json.put("rawReadSeconds", rawSeconds);
    json.put("rawReadRecordsByTopic", r.raw().records());
    json.put("rawReadPayloadBytesByTopic", r.raw().payloadBytes());
    json.put("rawReadRecordsPerSecond", rawPerSecond);
    json.put("rawReadBytesPerSecond", bytes / rawSeconds);
    json.put("restoreOverRawRead", restorePerSecond / rawPerSecond);
    json.put("freshJvmReadSeconds", r.freshRaw().nanos() / 1e9);
    json.put("freshJvmReadRecordsPerSecond", freshPerSecond);
    json.put("restoreOverFreshJvmRead", restorePerSecond / freshPerSecond);
    json.put("timingSource", "Streams' StoreChangelogReader log (restore window, RUNNING); bench clock for serving;"
        + " the rates are the lost-state-folder restart's (a full restore)");
    report.put("restore", json);
  }

  private static void failover(final RestoreResult result, final Report report) {
    final RestoreResult.Failover f = result.failover();
    report.row("failover to a standby: kill -> every partition serving", seconds(f.killToServingMillis()),
        String.format(Locale.ROOT, "target <= 10 s; the killed instance owned %d of 12 input partitions; %s; "
            + "%,d grants offered around the kill; the survivor restored %,d records after it",
            f.killedOwned().size(), result.failoverSettings(), f.loadSent(), f.restoredAtFailover()));
    final Map<String, Object> json = new LinkedHashMap<>();
    json.put("killToServingSeconds", f.killToServingMillis() / 1e3);
    json.put("servingSecondsByPartition", f.servingMillisByPartition().entrySet().stream().collect(
        LinkedHashMap::new, (m, e) -> m.put(e.getKey().toString(), e.getValue() / 1e3), Map::putAll));
    json.put("killedOwnedPartitions", f.killedOwned().stream().map(Object::toString).toList());
    json.put("survivorOwnsAll", f.survivorOwnsAll());
    json.put("standbyCatchUpSeconds", f.standbyCatchUpMillis() / 1e3);
    json.put("restoredAtFailover", f.restoredAtFailover());
    json.put("loadSent", f.loadSent());
    json.put("loadAcked", f.loadAcked());
    json.put("settings", result.failoverSettings());
    report.put("failover", json);
  }

  private static void keyCost(final RestoreResult.KeyCost r, final Report report) {
    final Map<String, Object> json = new LinkedHashMap<>();
    final Map<String, String> changelogs = Changelogs.of("");
    for (final StoreFootprint s : r.stores()) {
      final String topic = r.changelogBytes().keySet().stream().filter(t -> t.endsWith(changelogs.get(s.store())))
          .findFirst().orElseThrow();
      final long records = r.changelogRecords().get(topic);
      final double changelogPerKey = records == 0 ? 0 : (double) r.changelogBytes().get(topic) / records;
      final String what = s.store().equals("player-state") ? "player" : "key";
      report.row(String.format(Locale.ROOT, "%s: one %s in RocksDB (SST after a clean close)", s.store(), what),
          String.format(Locale.ROOT, "%.1f bytes", s.sstBytesPerKey()), String.format(Locale.ROOT,
              "%,d keys in %d SST files over %d tasks; key + value %.1f bytes; 100M: %s per copy",
              s.keys(), s.sstFiles(), s.tasks(), s.keys() == 0 ? 0 : (double) s.keyValueBytes() / s.keys(),
              gib(s.sstBytesPerKey() * EXTRAPOLATED_KEYS)));
      report.row(String.format(Locale.ROOT, "%s: one %s in its changelog (log segment bytes / records)", s.store(),
          what), String.format(Locale.ROOT, "%.1f bytes", changelogPerKey), String.format(Locale.ROOT,
              "%,d records, %s; 100M: %s per replica", records, mb(r.changelogBytes().get(topic)),
              gib(changelogPerKey * EXTRAPOLATED_KEYS)));
      final Map<String, Object> store = new LinkedHashMap<>();
      store.put("keys", s.keys());
      store.put("tenantKeys", s.tenantKeys());
      store.put("expectedTenantKeys", r.expectedTenantKeys().get(s.store()));
      store.put("tasks", s.tasks());
      store.put("sstFiles", s.sstFiles());
      store.put("sstBytes", s.sstBytes());
      store.put("folderBytes", s.folderBytes());
      store.put("keyValueBytes", s.keyValueBytes());
      store.put("rocksDbBytesPerKey", s.sstBytesPerKey());
      store.put("changelogRecords", records);
      store.put("changelogBytes", r.changelogBytes().get(topic));
      store.put("changelogBytesPerRecord", changelogPerKey);
      store.put("rocksDbBytesPer100MKeys", s.sstBytesPerKey() * EXTRAPOLATED_KEYS);
      store.put("changelogBytesPer100MKeys", changelogPerKey * EXTRAPOLATED_KEYS);
      json.put(s.store(), store);
    }
    json.put("method", "RocksDB: SST bytes of the store's task folders in the survivor of the failover (every "
        + "task), after a clean close (memtables flushed; RocksDB's own compactions), keys counted by reading the "
        + "stores back read-only; changelog: log segment bytes from describeLogDirs over records read "
        + "(read_committed), at the same moment");
    report.put("keyCost", json);
  }

  private static String byTopic(final Map<String, Long> restored) {
    final List<String> parts = restored.entrySet().stream().map(e -> e.getKey()
        .replaceFirst("^.*-(receipts|player-state|player-events)-changelog$", "$1") + " "
        + String.format(Locale.ROOT, "%,d", e.getValue())).toList();
    return String.join(", ", parts);
  }

  private static String rates(final double records, final double bytes) {
    return Report.rate(records, "records") + ", " + String.format(Locale.ROOT, "%.1f MB/s", bytes / 1e6);
  }

  private static String seconds(final long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1e3);
  }

  private static String mb(final double bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String gib(final double bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
  }
}
