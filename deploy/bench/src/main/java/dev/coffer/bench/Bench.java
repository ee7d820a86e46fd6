package dev.coffer.bench;

import dev.coffer.bench.http.BenchServices;
import dev.coffer.bench.http.HttpRun;
import dev.coffer.bench.http.ViewAppends;
import dev.coffer.bench.http.Wrk;
import dev.coffer.embedded.CofferStack;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coffer's benchmark: one run on one embedded broker and registry, side by side, printed as a Markdown
 * table and written as JSON. Every Coffer figure stands beside the raw broker measured in the same run.
 * <ol>
 *   <li><b>raw</b>: the broker's produce-then-consume ceiling over the same N events as the ledger, after a
 *       warm-up, and its produce-to-read_committed-consume latency ({@link RawRun});</li>
 *   <li><b>ledger</b>: the ledger topology over a pre-produced, gateway-shaped log, under exactly_once_v2
 *       and at_least_once, and the records it appended per event ({@link LedgerRun});</li>
 *   <li><b>HTTP</b>: writes through the gateway at several concurrencies, read-your-writes through
 *       projections, and interactive-query reads beside {@code /health}, with wrk
 *       ({@link HttpRun}; skipped, with a printed reason, if wrk is not installed);</li>
 *   <li><b>memory</b>: this JVM's peak heap and RSS, and the registry child's peak RSS.</li>
 * </ol>
 * Loopback only, bounded in count and time; exits by itself. Flags: see {@link #FLAGS} and README.md.
 */
public final class Bench {
  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
  /** Accepted flags. */
  static final Set<String> FLAGS = Set.of("events", "warm-up", "players", "http-seconds", "concurrency",
      "visible-requests", "ledger-settings", "projections-settings", "out");

  private final int events;
  private final int warmUp;
  private final int players;
  private final Duration httpTime;
  private final List<Integer> concurrencies;
  private final int visibleRequests;
  private final Path out;
  private final Map<String, String> ledgerSettings;
  private final Map<String, String> projectionsSettings;
  private final Report report = new Report();

  private Bench(final Flags flags) {
    this.events = flags.integer("events", 200_000);
    this.warmUp = flags.integer("warm-up", 20_000);
    this.players = flags.integer("players", 1_000);
    this.httpTime = flags.seconds("http-seconds", Duration.ofSeconds(15));
    this.concurrencies = Arrays.stream(flags.text("concurrency", "8,64,256").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    this.visibleRequests = flags.integer("visible-requests", 2_000);
    this.out = Path.of(flags.text("out", "target/bench/results.json"));
    this.ledgerSettings = flags.settings("ledger-settings");
    this.projectionsSettings = flags.settings("projections-settings");
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code --events N --warm-up N --players N --http-seconds S --concurrency 8,64,256
   *     --visible-requests N --ledger-settings key=value,... --projections-settings key=value,... --out FILE};
   *     the projections settings (e.g. {@code read.recent-views=0}) apply to the HTTP runs' projections; the
   *     ledger settings (e.g.
   *     {@code kafka.poll.ms=100}) apply to every ledger the run starts, on top of the bench's own
   */
  public static void main(final String[] args) {
    final Flags flags;
    try {
      flags = new Flags(args, FLAGS);
    } catch (final IllegalArgumentException e) {
      LOG.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    final Bench bench = new Bench(flags);
    bench.run();
    System.out.println(bench.report.render());
    bench.report.write(bench.out);
    System.out.println("results written to " + bench.out.toAbsolutePath());
    // Kafka's and Javalin's non-daemon threads are all closed by now, but say it plainly: the run is over.
    System.exit(0);
  }

  private void run() {
    final long started = System.nanoTime();
    final Path work;
    try {
      work = Files.createDirectories(out.toAbsolutePath().getParent().resolve("work-" + System.currentTimeMillis()));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create the bench work folder next to " + out, e);
    }
    report.put("startedAt", Instant.now().toString());
    report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", Runtime.version().toString(), "maxHeapBytes", Runtime.getRuntime().maxMemory()));
    report.put("sizes", Map.of("events", events, "warmUpEvents", warmUp, "players", players,
        "httpSeconds", httpTime.toSeconds(), "concurrencies", concurrencies, "ledgerSettings", ledgerSettings,
        "projectionsSettings", projectionsSettings));
    try (CofferStack stack = CofferStack.start();
        RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
      final int partitions = CofferTopics.LEDGER_SEQUENCE.partitions();
      final RawRun raw = new RawRun(stack, registry, players, partitions);
      final double ceiling = raw.ceiling(warmUp, events, report);
      raw.latency(2_000, Duration.ofSeconds(10), report);
      final LedgerRun ledger = new LedgerRun(stack, registry, players, partitions, work, ledgerSettings);
      // The ledger's code runs here for the first time: one unmeasured pass of each guarantee, then a wait for
      // the JIT to go quiet, so the measured runs measure the ledger, not the compiler (JitSettle).
      final double eosWarm = ledger.warmUpRun(StreamsConfig.EXACTLY_ONCE_V2, warmUp, events);
      final double alosWarm = ledger.warmUpRun(StreamsConfig.AT_LEAST_ONCE, warmUp, events);
      LOG.info("The ledger's unmeasured warm-up runs decided {} (exactly-once) and {} (at-least-once) events/s",
          Math.round(eosWarm), Math.round(alosWarm));
      final String jit = JitSettle.await(Duration.ofSeconds(90));
      report.row("ledger JIT warm-up (not measured)", "2 runs", String.format(Locale.ROOT, "one exactly_once_v2 and "
          + "one at_least_once run of %,d events (their topics deleted after), then %s", warmUp + events, jit));
      report.put("ledgerJitWarmUp", jit);
      final LedgerRun.Result eosRun = ledger.run(StreamsConfig.EXACTLY_ONCE_V2, warmUp, events, report);
      final double eos = eosRun.perSecond();
      final double alos = ledger.run(StreamsConfig.AT_LEAST_ONCE, warmUp, events, report).perSecond();
      final double shape = exactlyOnceShape(stack, partitions, eosRun.outputsPerEvent());
      report.row("ratio ledger(EOS) / raw ceiling", Report.ratio(eos / ceiling), "");
      report.row("ratio EOS / at-least-once", Report.ratio(eos / alos), "");
      report.row("ratio exactly-once I/O shape / raw ceiling", Report.ratio(shape / ceiling),
          "the most any exactly-once ledger appending as many records per event reaches here");
      report.row("ratio ledger(EOS) / its exactly-once I/O shape", Report.ratio(eos / shape),
          "what the ledger's own work (decoding, state, rules) leaves of that");
      report.put("ratios", Map.of("ledgerEosOverRaw", eos / ceiling, "ledgerAlosOverRaw", alos / ceiling,
          "eosOverAtLeastOnce", eos / alos, "eosShapeOverRaw", shape / ceiling, "ledgerEosOverEosShape",
          eos / shape));
      final Wrk wrk = Wrk.find(work.resolve("wrk"));
      if (wrk == null) {
        LOG.warn("wrk is not installed (apt-get install wrk): the HTTP rows are skipped");
        report.row("HTTP rows", "skipped", "wrk is not installed (apt-get install wrk)");
      } else {
        try (BenchServices services = BenchServices.start(stack, work, ledgerSettings, projectionsSettings)) {
          new HttpRun(wrk, work.resolve("http"), services.gatewayPort(), services.projectionsPort(), httpTime,
              report).run(concurrencies, visibleRequests);
          ViewAppends.report(stack, services.projectionsApplicationId(), report);
        }
      }
      memory();
    }
    report.put("totalSeconds", (System.nanoTime() - started) / 1e9);
  }

  /**
   * The ledger's exactly-once I/O without its work ({@link ExactlyOnceShape}) over the raw ceiling's own events:
   * the warm-up's, unmeasured, then the N measured.
   */
  private double exactlyOnceShape(final CofferStack stack, final int partitions, final double outputsPerEvent) {
    final ExactlyOnceShape shape = new ExactlyOnceShape(stack, partitions);
    final Duration interval = Duration.ofMillis(Long.parseLong(ledgerSettings.getOrDefault(
        LedgerConfig.COMMIT_INTERVAL_MS, Long.toString(LedgerConfig.DEFAULT_COMMIT_INTERVAL_MS))));
    shape.run(RawRun.WARM_UP_TOPIC, warmUp, outputsPerEvent, interval);
    final double perSecond = shape.run(RawRun.TOPIC, events, outputsPerEvent, interval);
    report.row("raw exactly-once with the ledger's I/O shape", Report.rate(perSecond, "events"),
        String.format(Locale.ROOT, "the raw ceiling's %,d events read read_committed by one thread, %.2f records "
            + "appended per event (the ledger's, less its input), a transaction per %d ms with the offsets; "
            + "no decoding, no state", events, outputsPerEvent, interval.toMillis()));
    report.put("eosShape", Map.of("eventsPerSecond", perSecond, "appendsPerEvent", outputsPerEvent,
        "commitIntervalMs", interval.toMillis()));
    return perSecond;
  }

  private void memory() {
    final long heap = ProcessMemory.peakHeapBytes();
    final OptionalLong rss = ProcessMemory.peakRssBytes(ProcessHandle.current().pid());
    final OptionalLong registryRss = ProcessMemory.child("quarkus-run.jar")
        .map(p -> ProcessMemory.peakRssBytes(p.pid())).orElse(OptionalLong.empty());
    report.row("peak memory, bench JVM (broker, ledger, gateway, projections, clients)", mib(rss) + " RSS",
        String.format(Locale.ROOT, "peak heap %.0f MiB", ProcessMemory.mib(heap)));
    report.row("peak memory, registry child JVM", mib(registryRss) + " RSS", "");
    report.put("memory", Map.of("benchJvmPeakHeapBytes", heap, "benchJvmPeakRssBytes", rss.orElse(-1),
        "registryPeakRssBytes", registryRss.orElse(-1)));
  }

  private static String mib(final OptionalLong bytes) {
    return bytes.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", ProcessMemory.mib(bytes.getAsLong())) : "n/a";
  }
}
