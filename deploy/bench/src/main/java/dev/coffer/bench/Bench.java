package dev.coffer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.bench.http.BenchApp;
import dev.coffer.bench.http.HttpLoad;
import dev.coffer.bench.http.Latencies;
import dev.coffer.bench.ledger.BenchLedger;
import dev.coffer.bench.load.MixedEvents;
import dev.coffer.embedded.CofferStack;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coffer's benchmark: one run on one embedded broker and registry, side by side, printed as a table and
 * written as JSON. What it measures:
 * <ol>
 *   <li><b>raw</b>: N Coffer-shaped events (same Avro {@code LedgerEvent} values, dedupe keys, partitions)
 *       produced with an idempotent {@code acks=all} producer, then read back read_committed and decoded:
 *       the ceiling;</li>
 *   <li><b>ledger</b>: the ledger topology over that same pre-produced log, once under
 *       {@code exactly_once_v2} and once under {@code at_least_once}, from RUNNING to the N-th committed
 *       outcome;</li>
 *   <li><b>HTTP</b>: gateway {@code POST /purchases} (test store) until the purchase is visible in
 *       projections ({@code GET /wallet?minVersion=}), and projections' {@code GET /inventory} lookups;</li>
 *   <li><b>memory</b>: this JVM's peak heap and RSS, and the registry child's peak RSS.</li>
 * </ol>
 * Loopback only, bounded in count and time; exits by itself. Flags: see {@link #FLAGS} and README.md.
 */
public final class Bench {
  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
  /** Accepted flags. */
  static final Set<String> FLAGS = Set.of("events", "players", "http-requests", "http-concurrency",
      "iq-seconds", "iq-readers", "out");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final int events;
  private final int players;
  private final int httpRequests;
  private final int httpConcurrency;
  private final Duration iqTime;
  private final int iqReaders;
  private final Path out;
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final List<String[]> table = new ArrayList<>();

  private Bench(final Flags flags) {
    this.events = flags.integer("events", 40_000);
    this.players = flags.integer("players", 1_000);
    this.httpRequests = flags.integer("http-requests", 2_000);
    this.httpConcurrency = flags.integer("http-concurrency", 8);
    this.iqTime = flags.seconds("iq-seconds", Duration.ofSeconds(15));
    this.iqReaders = flags.integer("iq-readers", 8);
    this.out = Path.of(flags.text("out", "target/bench/results.json"));
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code --events N --players N --http-requests N --http-concurrency N --iq-seconds S
   *     --iq-readers N --out FILE}
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
    System.out.println(bench.render());
    bench.write();
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
    json.put("startedAt", Instant.now().toString());
    json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", Runtime.version().toString(), "maxHeapBytes", Runtime.getRuntime().maxMemory()));
    json.put("sizes", Map.of("events", events, "players", players, "httpRequests", httpRequests,
        "httpConcurrency", httpConcurrency, "iqSeconds", iqTime.toSeconds(), "iqReaders", iqReaders));
    try (CofferStack stack = CofferStack.start();
         RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
      final int partitions = CofferTopics.LEDGER_EVENTS.partitions();
      final String input = "bench.ledger-events";
      final double raw = raw(stack, registry, input, partitions);
      final double eos = ledger(stack, registry, input, partitions, StreamsConfig.EXACTLY_ONCE_V2, work);
      final double alos = ledger(stack, registry, input, partitions, StreamsConfig.AT_LEAST_ONCE, work);
      row("ratio ledger(EOS) / raw", String.format(Locale.ROOT, "%.3f", eos / raw), "");
      row("ratio EOS / at-least-once", String.format(Locale.ROOT, "%.3f", eos / alos), "");
      json.put("ratios", Map.of("ledgerEosOverRaw", eos / raw, "ledgerAlosOverRaw", alos / raw,
          "eosOverAtLeastOnce", eos / alos));
      services(stack, work);
      memory();
    }
    json.put("totalSeconds", (System.nanoTime() - started) / 1e9);
  }

  /** Produce N events, then consume them read_committed: events/s of each and of both in sequence. */
  private double raw(final CofferStack stack, final RestSchemaRegistry registry, final String topic,
                     final int partitions) {
    final List<LedgerEvent> load = new MixedEvents(42L, "benchraw", players, partitions).next(events);
    BenchKafka.createTopics(stack.admin(), List.of(topic), partitions);
    final List<ProducerRecord<String, LedgerEvent>> records = new ArrayList<>(events);
    load.forEach(e -> records.add(new ProducerRecord<>(topic, null, e.getOccurredAt().toEpochMilli(),
        e.getDedupeKey(), e)));
    final Serializer<LedgerEvent> values = new AvroSerde<>(registry, LedgerEvent.class, false).serializer();
    // Register the schema before the clock starts (the first send would otherwise pay for it).
    values.serialize(topic, load.get(0));
    final long produceNanos;
    try (KafkaProducer<String, LedgerEvent> producer = new KafkaProducer<>(
        BenchKafka.producerConfig(stack.bootstrapServers()), new StringSerializer(), values)) {
      final long t0 = System.nanoTime();
      BenchKafka.sendAll(producer, records, Duration.ofMinutes(3));
      produceNanos = System.nanoTime() - t0;
    }
    final long t1 = System.nanoTime();
    final long read = BenchKafka.await(BenchKafka.countAsync(
        BenchKafka.consumerConfig(stack.bootstrapServers(), stack.uniqueName("bench-raw-reader")), topic,
        new StringDeserializer(), new AvroSerde<>(registry, LedgerEvent.class, false).deserializer(), events,
        r -> true, Duration.ofMinutes(3)), Duration.ofMinutes(4), "reading the raw events");
    final long consumeNanos = read - t1;
    final double produceRate = events / (produceNanos / 1e9);
    final double consumeRate = events / (consumeNanos / 1e9);
    final double both = events / ((produceNanos + consumeNanos) / 1e9);
    row("raw produce (idempotent, acks=all)", rate(produceRate), seconds(produceNanos));
    row("raw consume (read_committed, Avro decode)", rate(consumeRate), seconds(consumeNanos));
    row("raw produce then consume (ceiling)", rate(both), events + " events, " + partitions + " partitions");
    json.put("raw", Map.of("events", events, "partitions", partitions, "produceEventsPerSecond", produceRate,
        "consumeEventsPerSecond", consumeRate, "produceThenConsumeEventsPerSecond", both,
        "produceSeconds", produceNanos / 1e9, "consumeSeconds", consumeNanos / 1e9));
    return both;
  }

  /** The ledger topology over the pre-produced log: RUNNING to the N-th committed outcome. */
  private double ledger(final CofferStack stack, final RestSchemaRegistry registry, final String input,
                        final int partitions, final String guarantee, final Path work) {
    final String label = guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) ? "eos" : "alos";
    final BenchLedger.Outputs outputs = BenchLedger.Outputs.under(stack.uniqueName("bench." + label));
    BenchKafka.createTopics(stack.admin(), outputs.all(), partitions);
    final CompletableFuture<Long> nth = BenchKafka.countAsync(
        BenchKafka.consumerConfig(stack.bootstrapServers(), stack.uniqueName("bench-" + label + "-reader")),
        outputs.outcomes(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), events, r -> true,
        Duration.ofMinutes(5));
    final long t0 = System.nanoTime();
    try (BenchLedger ledger = new BenchLedger(stack.bootstrapServers(), stack.registryUrl(), registry,
        stack.uniqueAppId("bench-ledger-" + label), work.resolve("ledger-" + label), guarantee, input, outputs)) {
      ledger.start(START_TIMEOUT);
      final long done = BenchKafka.await(nth, Duration.ofMinutes(6), "the " + label + " ledger's outcomes");
      ledger.checkAlive();
      final long runNanos = done - ledger.runningAtNanos();
      final double perSecond = events / (runNanos / 1e9);
      row("ledger applied, " + guarantee, rate(perSecond),
          String.format(Locale.ROOT, "RUNNING after %.1f s, N-th outcome %.1f s later",
              (ledger.runningAtNanos() - t0) / 1e9, runNanos / 1e9));
      json.put("ledger_" + label, Map.of("guarantee", guarantee, "events", events,
          "eventsPerSecond", perSecond, "secondsFromRunning", runNanos / 1e9,
          "startupSeconds", (ledger.runningAtNanos() - t0) / 1e9));
      return perSecond;
    }
  }

  /** Ledger, gateway and projections in this JVM on Coffer's topics; HTTP measured on loopback. */
  private void services(final CofferStack stack, final Path work) {
    stack.installCofferTopics();
    final Path apps = BenchApp.writeAppsFile(work);
    final Map<String, String> ledgerSettings = LedgerConfig.singleBroker(stack.bootstrapServers(),
        stack.registryUrl(), stack.uniqueAppId("bench-ledger"), work.resolve("ledger-http"));
    ledgerSettings.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "64MiB");
    ledgerSettings.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    ledgerSettings.put(LedgerConfig.HTTP_PORT, "0");
    final Map<String, String> gatewaySettings = new HashMap<>();
    gatewaySettings.put(GatewayConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    gatewaySettings.put(GatewayConfig.REGISTRY_URL, stack.registryUrl());
    gatewaySettings.put(GatewayConfig.APPS_FILE, apps.toString());
    gatewaySettings.put(GatewayConfig.HTTP_PORT, "0");
    // The bench measures the write path, not the rate limiter.
    gatewaySettings.put(GatewayConfig.RATE_APP_PER_SECOND, "1000000");
    gatewaySettings.put(GatewayConfig.RATE_APP_BURST, "1000000");
    gatewaySettings.put(GatewayConfig.RATE_PLAYER_PER_SECOND, "1000000");
    gatewaySettings.put(GatewayConfig.RATE_PLAYER_BURST, "1000000");
    final Map<String, String> projectionsSettings = new HashMap<>();
    projectionsSettings.put(ProjectionsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    projectionsSettings.put(ProjectionsConfig.REGISTRY_URL, stack.registryUrl());
    projectionsSettings.put(ProjectionsConfig.APPS_FILE, apps.toString());
    projectionsSettings.put(ProjectionsConfig.APPLICATION_ID, stack.uniqueAppId("bench-projections"));
    projectionsSettings.put(ProjectionsConfig.STATE_DIR, work.resolve("projections").toString());
    projectionsSettings.put(ProjectionsConfig.REPLICATION_FACTOR, "1");
    projectionsSettings.put(ProjectionsConfig.NUM_STANDBY_REPLICAS, "0");
    projectionsSettings.put(ProjectionsConfig.HTTP_PORT, "0");
    projectionsSettings.put(ProjectionsConfig.WEBHOOKS_ENABLED, "false");
    try (LedgerService ledger = LedgerService.create(LedgerConfig.fromMap(ledgerSettings)).start();
         Gateway gateway = Gateway.start(GatewayConfig.fromMap(gatewaySettings));
         ProjectionsService projections = ProjectionsService.create(
             ProjectionsConfig.fromMap(projectionsSettings)).start()) {
      try {
        if (!ledger.awaitRunning(START_TIMEOUT)) {
          throw new IllegalStateException("the ledger did not reach RUNNING (state " + ledger.state() + ")",
              ledger.failure().orElse(null));
        }
        if (!projections.awaitRunning(START_TIMEOUT)) {
          throw new IllegalStateException("projections did not reach RUNNING", projections.failure());
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting projections", e);
      }
      final int httpPlayers = Math.max(1, Math.min(players, 200));
      final HttpLoad load = new HttpLoad(gateway.port(), projections.port(), httpPlayers);
      load.warmUp(Math.min(200, httpRequests));
      final Latencies visible = load.purchaseToVisible(httpRequests, httpConcurrency, Duration.ofMinutes(3));
      row("POST /purchases -> visible in projections", rate(visible.perSecond()).replace("events", "req"),
          latencyNote(visible));
      json.put("purchaseToVisible", latencyJson(visible, httpConcurrency));
      final Latencies lookups = load.inventoryLookups(iqReaders, iqTime);
      row("GET /inventory (interactive query)", rate(lookups.perSecond()).replace("events", "lookups"),
          latencyNote(lookups));
      json.put("inventoryLookups", latencyJson(lookups, iqReaders));
    }
  }

  private void memory() {
    final long heap = ProcessMemory.peakHeapBytes();
    final OptionalLong rss = ProcessMemory.peakRssBytes(ProcessHandle.current().pid());
    final OptionalLong registryRss = ProcessMemory.child("quarkus-run.jar")
        .map(p -> ProcessMemory.peakRssBytes(p.pid())).orElse(OptionalLong.empty());
    row("peak memory, bench JVM (broker, ledger, gateway, projections, clients)",
        String.format(Locale.ROOT, "%s RSS", mib(rss)), String.format(Locale.ROOT, "peak heap %.0f MiB",
            ProcessMemory.mib(heap)));
    row("peak memory, registry child JVM", String.format(Locale.ROOT, "%s RSS", mib(registryRss)), "");
    final Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("benchJvmPeakHeapBytes", heap);
    memory.put("benchJvmPeakRssBytes", rss.orElse(-1));
    memory.put("registryPeakRssBytes", registryRss.orElse(-1));
    json.put("memory", memory);
  }

  private static String mib(final OptionalLong bytes) {
    return bytes.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", ProcessMemory.mib(bytes.getAsLong())) : "n/a";
  }

  private static Map<String, Object> latencyJson(final Latencies l, final int concurrency) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("operations", l.operations());
    m.put("errors", l.errors());
    m.put("concurrency", concurrency);
    m.put("seconds", l.seconds());
    m.put("perSecond", l.perSecond());
    m.put("p50Millis", l.millisAt(50));
    m.put("p99Millis", l.millisAt(99));
    m.put("p999Millis", l.millisAt(99.9));
    m.put("maxMillis", l.maxMillis());
    return m;
  }

  private static String latencyNote(final Latencies l) {
    return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; %d ops, %d errors",
        l.millisAt(50), l.millisAt(99), l.millisAt(99.9), l.maxMillis(), l.operations(), l.errors());
  }

  private static String rate(final double perSecond) {
    return String.format(Locale.ROOT, "%,.0f events/s", perSecond);
  }

  private static String seconds(final long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private void row(final String what, final String value, final String note) {
    LOG.info("BENCH {}: {} ({})", what, value, note);
    table.add(new String[] {what, value, note});
  }

  /** The table as printed. */
  String render() {
    int w0 = "measurement".length();
    int w1 = "result".length();
    for (final String[] r : table) {
      w0 = Math.max(w0, r[0].length());
      w1 = Math.max(w1, r[1].length());
    }
    final String format = "| %-" + w0 + "s | %" + w1 + "s | %s%n";
    final StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, format, "measurement", "result", "notes"));
    s.append("|-").append("-".repeat(w0)).append("-|-").append("-".repeat(w1)).append("-|-------\n");
    for (final String[] r : table) {
      s.append(String.format(Locale.ROOT, format, r[0], r[1], r[2]));
    }
    return s.toString();
  }

  private void write() {
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }
}
