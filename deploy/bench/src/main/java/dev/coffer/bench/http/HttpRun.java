package dev.coffer.bench.http;

import dev.coffer.bench.JitSettle;
import dev.coffer.bench.MetricsScrape;
import dev.coffer.bench.Quiet;
import dev.coffer.bench.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The HTTP measurements against running services: writes through the gateway (grant/spend, the
 * player-scoped path; purchases, the receipt path) at several concurrencies, reading one's own write
 * through projections, and interactive-query reads beside the same server's {@code /health}, the
 * ceiling of its HTTP stack, measured in alternating rounds.
 */
public final class HttpRun {
  private static final int PLAYERS = 1_000;
  /** How many alternating rounds of {@code /health} and wallet lookups are measured. */
  private static final int LOOKUP_ROUNDS = 3;
  /** The bench JVM's CPU, in cores over one second, under which it counts as quiet before the lookup rounds. */
  private static final double QUIET_CORES = 0.5;
  /** How long each request is run, unmeasured, before the lookup rounds. */
  private static final Duration LOOKUP_WARM_UP = Duration.ofSeconds(5);
  /** Each write path's share of one round of the unmeasured warm-up, before the write rows. */
  private static final Duration WRITE_WARM_UP = Duration.ofSeconds(10);
  /** The longest the write warm-up's rounds go on while the JIT is still compiling. */
  private static final Duration WRITE_WARM_UP_MAX = Duration.ofSeconds(120);
  /** Receipts for one round of the purchases' warm-up: more than 10 s at concurrency 64 uses. */
  private static final int WARM_PURCHASES = 20_000;
  /** The longest the lookup rounds wait for the bench JVM to be quiet. */
  private static final Duration QUIET_DEADLINE = Duration.ofSeconds(60);
  /** Projections' recent-views reads in its Prometheus exposition: the result, then the count. */
  private static final Pattern RECENT_VIEW_READS = Pattern.compile(
      "^cache_gets_total\\{cache=\"projections-recent-views\",result=\"(hit|miss)\"} (\\S+)$", Pattern.MULTILINE);

  private final Wrk wrk;
  private final Path work;
  private final int gatewayPort;
  private final int projectionsPort;
  private final Duration duration;
  private final Report report;
  private final Map<String, Object> json = new LinkedHashMap<>();

  /**
   * @param wrk the load generator
   * @param work scratch folder (scripts, bodies)
   * @param gatewayPort the gateway on 127.0.0.1
   * @param projectionsPort projections on 127.0.0.1
   * @param duration each wrk run's length
   * @param report where rows go
   */
  public HttpRun(final Wrk wrk, final Path work, final int gatewayPort, final int projectionsPort,
                 final Duration duration, final Report report) {
    this.wrk = wrk;
    this.work = work;
    this.gatewayPort = gatewayPort;
    this.projectionsPort = projectionsPort;
    this.duration = duration;
    this.report = report;
  }

  /** Runs every measurement; the services must be running. */
  public void run(final List<Integer> concurrencies, final int visibleRequests) {
    final HttpLoad load = new HttpLoad(gatewayPort, projectionsPort, PLAYERS);
    load.seed(PLAYERS, 1_000_000_000L, 32);
    final String gateway = "http://127.0.0.1:" + gatewayPort;
    final String projections = "http://127.0.0.1:" + projectionsPort;
    final String warmed = warmWrites(gateway);
    final String writesSettled = settle();
    report.row("HTTP writes' warm-up (not measured)", warmed, "grant/spend then purchases at concurrency 64, in "
        + "rounds until the JIT was quiet under that load, then " + writesSettled);
    json.put("writeWarmUp", warmed);
    json.put("writeSettle", writesSettled);
    for (final int c : concurrencies) {
      final Path script = writesScript("c" + c);
      final StageTimes before = stages("player");
      final Wrk.Result r = wrk.run(gateway, c, duration, script, List.of());
      record("grant/spend over HTTP, concurrency " + c, "writes_c" + c, r, stages("player").since(before));
    }
    for (final int c : concurrencies) {
      final Path script = purchaseScript(Math.max(20_000, c * 400), "c" + c);
      final StageTimes before = stages("receipt");
      final Wrk.Result r = wrk.run(gateway, c, duration, script, List.of());
      record("purchase (receipt path), concurrency " + c, "purchases_c" + c, r, stages("receipt").since(before));
    }
    final Latencies visible = load.writeToVisible(visibleRequests, 8, Duration.ofMinutes(3));
    report.row("write -> visible in projections (?minVersion), concurrency 8",
        Report.rate(visible.perSecond(), "writes"), Report.latencies(visible));
    json.put("writeToVisible", Report.json(visible, 8));
    // The ceiling and the lookups alternate: the machine's drift (JIT, the broker's log cleaner, GC) then
    // weighs on both alike, where one run of each measured them minutes apart in different conditions.
    final Path walletScript = walletScript();
    // Both requests warm first, unmeasured: the lookups' code ran in the visible phase, /health's never did, and
    // the first round measured /health's warm-up (first-round ratios 1.11-2.53, after a settle too: 1.24).
    wrk.run(projections + "/health", 16, LOOKUP_WARM_UP, null, List.of());
    wrk.run(projections, 16, LOOKUP_WARM_UP, walletScript, List.of());
    final String settled = settle();
    final long[] viewReadsBefore = recentViewReads();
    final List<Wrk.Result> healthRounds = new ArrayList<>();
    final List<Wrk.Result> walletRounds = new ArrayList<>();
    final List<Double> roundRatios = new ArrayList<>();
    for (int round = 0; round < LOOKUP_ROUNDS; round++) {
      healthRounds.add(wrk.run(projections + "/health", 16, duration, null, List.of()));
      walletRounds.add(wrk.run(projections, 16, duration, walletScript, List.of()));
      roundRatios.add(walletRounds.getLast().perSecond() / healthRounds.getLast().perSecond());
    }
    final String hits = hitShare(viewReadsBefore, recentViewReads());
    final Wrk.Result health = Wrk.Result.ofRounds(healthRounds);
    final Wrk.Result wallet = Wrk.Result.ofRounds(walletRounds);
    record("projections GET /health (its HTTP ceiling), concurrency 16", "projectionsHealth", health);
    record("GET /wallet via interactive query, concurrency 16", "walletLookups", wallet);
    report.row("ratio wallet lookups / /health", Report.ratio(wallet.perSecond() / health.perSecond()),
        LOOKUP_ROUNDS + " alternating rounds of each after " + settled + "; " + hits
            + "; percentiles the worst round's; per round "
            + roundRatios.stream().map(Report::ratio).toList() + ", lookups/s over /health/s per round "
            + IntStream.range(0, LOOKUP_ROUNDS).mapToObj(i -> String.format(Locale.ROOT, "%.0f/%.0f",
                walletRounds.get(i).perSecond(), healthRounds.get(i).perSecond())).toList());
    // What the JVM accounts to itself per request does not move with the VM's cores as rates do.
    final double cpuRatio = wallet.benchJvmMicrosPerRequest() / health.benchJvmMicrosPerRequest();
    report.row("bench JVM CPU per wallet lookup / per /health", Report.ratio(cpuRatio), String.format(Locale.ROOT,
        "%.1f us against %.1f us, all rounds; per round %s", wallet.benchJvmMicrosPerRequest(),
        health.benchJvmMicrosPerRequest(), IntStream.range(0, LOOKUP_ROUNDS).mapToObj(i -> Report.ratio(
            walletRounds.get(i).benchJvmMicrosPerRequest() / healthRounds.get(i).benchJvmMicrosPerRequest()))
            .toList()));
    json.put("walletCpuOverHealthCpu", cpuRatio);
    json.put("walletOverHealth", wallet.perSecond() / health.perSecond());
    json.put("walletOverHealthRounds", roundRatios);
    json.put("lookupSettle", settled);
    json.put("lookupRecentViews", hits);
    report.put("http", json);
  }

  /**
   * Warms both write paths, unmeasured (JIT, connections, stores): rounds of {@link #WRITE_WARM_UP} of grant/spend
   * then as long of purchases at concurrency 64, until the JIT compiled for at most {@link JitSettle#QUIET} of a
   * core over a round, or {@link #WRITE_WARM_UP_MAX} passed. A fixed 15 s + 15 s left C2 compiling at 0.3-0.6 of
   * a core through the measured write rows (per-thread CPU from {@code /proc}, round 15): the JIT compiles what the
   * load makes hot, so it goes quiet only under the load, not after it (a settle after the warm-up found it quiet
   * at once).
   *
   * @return the rounds, their time and the last round's compile share, for the report
   */
  private String warmWrites(final String gateway) {
    final long start = System.nanoTime();
    int rounds = 0;
    double compiling;
    do {
      final long compiledBefore = JitSettle.compileNanos();
      final long roundStart = System.nanoTime();
      wrk.run(gateway, 64, WRITE_WARM_UP, writesScript("warm" + rounds), List.of());
      wrk.run(gateway, 64, WRITE_WARM_UP, purchaseScript(WARM_PURCHASES, "warm" + rounds), List.of());
      compiling = compiledBefore < 0 ? 0 : (double) (JitSettle.compileNanos() - compiledBefore)
          / (System.nanoTime() - roundStart);
      rounds++;
    } while (compiling > JitSettle.QUIET && System.nanoTime() - start < WRITE_WARM_UP_MAX.toNanos());
    return String.format(Locale.ROOT, "%d rounds of %d s + %d s (%.0f s); the JIT compiling %.2f of a core in the "
        + "last%s", rounds, WRITE_WARM_UP.toSeconds(), WRITE_WARM_UP.toSeconds(), (System.nanoTime() - start) / 1e9,
        compiling, compiling > JitSettle.QUIET ? ", not quiet by the deadline" : "");
  }

  /**
   * Waits, bounded, until the bench JVM is quiet after a warm-up (and the write phases): one second in which it
   * used at most {@value #QUIET_CORES} cores (idle, the services' polls and fetch waits take about 0.4), so work
   * the writes left behind (commits, RocksDB flushes, the broker's log cleaner) does not run into a round.
   *
   * @return how long it waited and the last second's CPU, for the report
   */
  private static String settle() {
    final Quiet q = Quiet.await(MachineCpu::jvmCpuNanos, QUIET_CORES, QUIET_DEADLINE);
    return String.format(Locale.ROOT, "%.0f s of settling (the bench JVM at %.2f cores in its last second%s)",
        q.seconds(), q.cores(), q.quiet() ? "" : ", not quiet by the deadline");
  }

  /**
   * Projections' recent-views reads so far, {hits, misses}, from its {@code /metrics} (Caffeine's
   * {@code cache_gets_total}); zeros where they are not exported (recent views off).
   */
  private long[] recentViewReads() {
    return recentViewReads(MetricsScrape.of(projectionsPort));
  }

  /** {hits, misses} of projections' recent views in a Prometheus text exposition. */
  static long[] recentViewReads(final String exposition) {
    final long[] reads = new long[2];
    final Matcher m = RECENT_VIEW_READS.matcher(exposition);
    while (m.find()) {
      reads[m.group(1).equals("hit") ? 0 : 1] += (long) Double.parseDouble(m.group(2));
    }
    return reads;
  }

  /** What share of the lookups' view reads the recent views answered, between two readings. */
  static String hitShare(final long[] before, final long[] after) {
    final long hits = after[0] - before[0];
    final long misses = after[1] - before[1];
    if (hits + misses == 0) {
      return "recent views off (every read from the store)";
    }
    return String.format(Locale.ROOT, "recent views answered %.1f%% of the view reads (%,d of %,d)",
        100.0 * hits / (hits + misses), hits, hits + misses);
  }

  /** The gateway's write stage timers of {@code path} now. */
  private StageTimes stages(final String path) {
    return StageTimes.of(MetricsScrape.of(gatewayPort), path);
  }

  private void record(final String what, final String key, final Wrk.Result r, final StageTimes stages) {
    report.row(what, Report.rate(r.perSecond(), "req"), r.summary() + "; " + stages.summary());
    json.put(key + "_stages", stages.json());
    record(key, r);
  }

  private void record(final String what, final String key, final Wrk.Result r) {
    report.row(what, Report.rate(r.perSecond(), "req"), r.summary());
    record(key, r);
  }

  private void record(final String key, final Wrk.Result r) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("perSecond", r.perSecond());
    m.put("requests", r.requests());
    m.put("errors", r.errors());
    m.put("p50Millis", r.p50Millis());
    m.put("p75Millis", r.p75Millis());
    m.put("p90Millis", r.p90Millis());
    m.put("p99Millis", r.p99Millis());
    m.put("wrkCpuSeconds", r.wrkCpuSeconds());
    m.put("wrkCpuShare", r.wrkCpuShare());
    m.put("benchJvmMicrosPerRequest", r.benchJvmMicrosPerRequest());
    json.put(key, m);
  }

  private String common() {
    return """
        next_tid = 0
        function setup(thread)
          thread:set("tid", next_tid)
          next_tid = next_tid + 1
        end
        """;
  }

  /** Alternating grants and spends of one gem, each with a key of its own, to random seeded players. */
  private Path writesScript(final String run) {
    return wrk.script("writes-" + run + ".lua", common() + String.format(Locale.ROOT, """
        function init(args)
          counter = 0
          math.randomseed(7919 + tid)
          headers = {["Authorization"] = "Bearer %s", ["Content-Type"] = "application/json"}
        end
        function request()
          counter = counter + 1
          local player = "bench-p-" .. math.random(0, %d)
          local key = "w-%s-" .. tid .. "-" .. counter
          if counter %% 2 == 0 then
            return wrk.format("POST", "/v1/apps/%s/players/" .. player .. "/spend", headers,
              '{"idempotencyKey":"' .. key .. '","currency":"gems","amount":1,"reason":"bench"}')
          end
          return wrk.format("POST", "/v1/apps/%s/players/" .. player .. "/grants", headers,
            '{"idempotencyKey":"' .. key .. '","reason":"bench","grants":{"currencies":{"gems":1}}}')
        end
        """, BenchApp.SERVER_KEY, PLAYERS - 1, run + "-" + Long.toHexString(System.nanoTime()), BenchApp.APP_ID,
        BenchApp.APP_ID));
  }

  /**
   * Writes {@code count} pre-signed purchase bodies (fresh receipts, unique to this {@code run}) and the script that
   * posts them: each request the next body; threads take disjoint halves.
   */
  private Path purchaseScript(final int count, final String run) {
    final Path bodies = BenchApp.writePurchaseBodies(work.resolve("purchases-" + run + ".jsonl"), count, PLAYERS,
        run + "-" + Long.toHexString(System.nanoTime()));
    return wrk.script("purchases-" + run + ".lua", common() + String.format(Locale.ROOT, """
        function init(args)
          lines = {}
          for line in io.lines("%s") do lines[#lines + 1] = line end
          index = tid * math.floor(%d / 2)
          headers = {["Authorization"] = "Bearer %s", ["Content-Type"] = "application/json"}
        end
        function request()
          index = index + 1
          return wrk.format("POST", "/v1/apps/%s/purchases", headers, lines[(index %% #lines) + 1])
        end
        """, bodies.toAbsolutePath(), count, BenchApp.SERVER_KEY, BenchApp.APP_ID));
  }

  /**
   * Wallet lookups of random seeded players. Every player's request is formatted once, in {@code init}: wrk shares
   * the server's cores, and formatting each request cost it 20.2 µs of CPU per lookup against 18.3 µs now
   * ({@code /health}'s fixed request: 14.2 µs).
   */
  private Path walletScript() {
    return wrk.script("wallet.lua", common() + String.format(Locale.ROOT, """
        function init(args)
          math.randomseed(104729 + tid)
          local headers = {["Authorization"] = "Bearer %s"}
          requests = {}
          for p = 0, %d do
            requests[p + 1] = wrk.format("GET", "/v1/apps/%s/players/bench-p-" .. p .. "/wallet", headers)
          end
        end
        function request()
          return requests[math.random(1, #requests)]
        end
        """, BenchApp.SERVER_KEY, PLAYERS - 1, BenchApp.APP_ID));
  }
}
