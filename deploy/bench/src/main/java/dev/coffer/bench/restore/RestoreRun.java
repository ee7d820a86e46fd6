package dev.coffer.bench.restore;

import dev.coffer.bench.Flags;
import dev.coffer.bench.Report;
import dev.coffer.embedded.CofferStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore measurement as a command (issue 10): its own broker and registry with Coffer's topics, the
 * restore of N players' state after SIGKILL without a standby beside a raw read of the same changelogs, the
 * failover to a standby, and what one key costs on disk. Prints the rows and writes the JSON.
 *
 * <pre>
 * java -cp deploy/bench/target/coffer-bench.jar dev.coffer.bench.restore.RestoreRun \
 *   [--players 1000000] [--item-every 3] [--purchase-every 5] [--load 200] [--heap 768m] \
 *   [--ledger-settings kafka.session.timeout.ms=10000,...] [--work target/restore] [--out target/bench/restore.json]
 * </pre>
 */
public final class RestoreRun {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreRun.class);
  private static final Set<String> FLAGS = Set.of("players", "item-every", "purchase-every", "load", "heap",
      "ledger-settings", "work", "out");

  private RestoreRun() {
  }

  /**
   * Runs it.
   *
   * @param args flags, see the class comment
   * @throws IOException if the work folder cannot be made
   */
  public static void main(final String[] args) throws IOException {
    final RestoreOptions d = RestoreOptions.defaults();
    final Flags flags;
    final RestoreOptions options;
    try {
      flags = new Flags(args, FLAGS);
      options = new RestoreOptions(flags.integer("players", d.players()), flags.integer("item-every", d.itemEvery()),
          flags.integer("purchase-every", d.purchaseEvery()), flags.integer("load", d.loadPerSecond()),
          flags.text("heap", d.heap()), false, flags.settings("ledger-settings"));
    } catch (final IllegalArgumentException e) {
      LOG.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    final Path work = Files.createDirectories(Path.of(flags.text("work", "target/restore"))
        .resolve("run-" + System.currentTimeMillis())).toAbsolutePath();
    final Path out = Path.of(flags.text("out", "target/bench/restore.json"));
    final Report report = new Report();
    report.put("startedAt", Instant.now().toString());
    report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", Runtime.version().toString(), "loadAverage", loadAverage()));
    report.put("options", options);
    final long started = System.nanoTime();
    try (CofferStack stack = CofferStack.start()) {
      stack.installCofferTopics();
      final RestoreResult result = new RestoreBench(stack.bootstrapServers(), stack.registryUrl(), stack.admin(),
          work).run(options);
      RestoreReport.add(result, report);
    }
    report.put("totalSeconds", (System.nanoTime() - started) / 1e9);
    System.out.println(report.render());
    report.write(out);
    System.out.println("results written to " + out.toAbsolutePath() + "; instances' logs under " + work);
    // Kafka's non-daemon threads are closed by now, but say it plainly: the run is over.
    System.exit(0);
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
