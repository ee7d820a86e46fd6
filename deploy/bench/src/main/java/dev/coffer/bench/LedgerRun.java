package dev.coffer.bench;

import dev.coffer.bench.ledger.AppendCount;
import dev.coffer.bench.ledger.BenchLedger;
import dev.coffer.bench.ledger.GatewayShapedLog;
import dev.coffer.bench.load.MixedEvents;
import dev.coffer.embedded.CofferStack;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The ledger's own topology over a pre-produced, gateway-shaped log (receipts on the events topic,
 * player-scoped events UNJUDGED on the sequence topic), from a fresh application id: events/s from the
 * warm-up's last outcome to the N-th, once per processing guarantee, and what it appended per event.
 */
final class LedgerRun {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final CofferStack stack;
  private final RestSchemaRegistry registry;
  private final int players;
  private final int partitions;
  private final Path work;
  private final Map<String, String> ledgerSettings;

  LedgerRun(final CofferStack stack, final RestSchemaRegistry registry, final int players, final int partitions,
            final Path work, final Map<String, String> ledgerSettings) {
    this.ledgerSettings = Map.copyOf(ledgerSettings);
    this.stack = stack;
    this.registry = registry;
    this.players = players;
    this.partitions = partitions;
    this.work = work;
  }

  /**
   * What one run measured.
   *
   * @param perSecond events decided per second
   * @param outputsPerEvent records the ledger itself appended per event (outcomes, changes, changelogs, the receipt
   *     stage's verdicts): every topic's and changelog's records, less the one input record per event the
   *     gateway-shaped log holds
   */
  record Result(double perSecond, double outputsPerEvent) {
  }

  /**
   * One run: {@code warmUp + events} events, timed over the last {@code events}.
   *
   * @param report where its rows go; null for an unmeasured run, whose topics are deleted afterwards
   *
   * @return events/s and appends
   */
  Result run(final String guarantee, final int warmUp, final int events, final Report report) {
    final String label = guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) ? "eos" : "alos";
    final BenchLedger.Outputs topics = BenchLedger.Outputs.under(stack.uniqueName("bench." + label));
    BenchKafka.createTopics(stack.admin(), topics.all(), partitions);
    final int total = warmUp + events;
    final List<LedgerEvent> load = new MixedEvents(7L, "bench", players, partitions).next(total);
    final GatewayShapedLog.Written written = GatewayShapedLog.produce(stack.bootstrapServers(), registry, load,
        topics.events(), topics.sequence());
    final String applicationId = stack.uniqueAppId("bench-ledger-" + label);
    final long t0 = System.nanoTime();
    final long[] at;
    final long runningAt;
    // The stream thread's times at the warm-up's end and at the N-th outcome, read as the reader marks them.
    final BenchLedger.ThreadTime[] times = new BenchLedger.ThreadTime[2];
    try (BenchLedger ledger = new BenchLedger(stack.bootstrapServers(), stack.registryUrl(), registry,
        applicationId, work.resolve("ledger-" + label), guarantee, topics, ledgerSettings)) {
      final CompletableFuture<long[]> marks = BenchKafka.milestonesAsync(
          BenchKafka.consumerConfig(stack.bootstrapServers(), stack.uniqueName("bench-" + label + "-reader")),
          // Every event is decided (an outcome) or dead-lettered: both count, so a dead letter cannot stall the run.
          List.of(topics.outcomes(), topics.deadLetters()), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
          new long[] {warmUp, total}, r -> true, Duration.ofMinutes(5), i -> times[i] = ledger.threadTime());
      ledger.start(START_TIMEOUT);
      at = BenchKafka.await(marks, Duration.ofMinutes(6), "the " + label + " ledger's outcomes");
      ledger.checkAlive();
      runningAt = ledger.runningAtNanos();
    }
    final double perSecond = events / ((at[1] - at[0]) / 1e9);
    if (report == null) {
      deleteTopics(topics, applicationId);
      return new Result(perSecond, Double.NaN);
    }
    final Map<String, Long> appended = AppendCount.byTopic(stack.admin(), stack.bootstrapServers(), topics.all(),
        applicationId);
    final long records = appended.values().stream().mapToLong(Long::longValue).sum();
    final double perEvent = (double) records / total;
    final long deadLettered = appended.getOrDefault(topics.deadLetters(), 0L);
    if (deadLettered > 0) {
      report.row("dead-lettered, " + guarantee, String.format(Locale.ROOT, "%,d of %,d events", deadLettered, total),
          "counted as decided; see the ledger's dead-letter reasons");
    }
    report.row("ledger applied, " + guarantee, Report.rate(perSecond, "events"), String.format(Locale.ROOT,
        "%,d events after a %,d-event warm-up; RUNNING after %.1f s", events, warmUp, (runningAt - t0) / 1e9));
    final BenchLedger.ThreadTime measured = times[1].since(times[0]);
    report.row("ledger stream thread's time, " + guarantee, String.format(Locale.ROOT, "%.0f%% in Kafka calls",
        100 * measured.inKafkaCalls()),
        "over the measured events, from Kafka's own cumulative metrics: " + measured.summary());
    report.row("ledger stream thread's CPU per event, " + guarantee, String.format(Locale.ROOT, "%.1f us",
        measured.cpuMicrosPer(events)), String.format(Locale.ROOT, "over the measured events; the thread on a core "
            + "%.0f%% of the time (the serial bound: 1 s of CPU decides %,.0f events)", 100 * measured.cpuShare(),
            1e6 / measured.cpuMicrosPer(events)));
    report.row("records appended per decided event, " + guarantee, String.format(Locale.ROOT, "%.2f", perEvent),
        String.format(Locale.ROOT, "%,d records for %,d events (%,d receipts, %,d player-scoped): %s", records,
            total, written.receipts(), written.playerScoped(), shortNames(appended, topics, applicationId)));
    final Map<String, Object> json = new LinkedHashMap<>();
    json.put("guarantee", guarantee);
    json.put("events", events);
    json.put("warmUpEvents", warmUp);
    json.put("eventsPerSecond", perSecond);
    json.put("startupSeconds", (runningAt - t0) / 1e9);
    json.put("recordsAppended", records);
    json.put("recordsPerEvent", perEvent);
    json.put("recordsByTopic", appended);
    json.put("streamThreadTimeShares", measured.shares());
    json.put("streamThreadCpuMicrosPerEvent", measured.cpuMicrosPer(events));
    json.put("streamThreadCpuShare", measured.cpuShare());
    report.put("ledger_" + label, json);
    return new Result(perSecond, (double) (records - written.receipts() - written.playerScoped()) / total);
  }

  /**
   * An unmeasured run ({@link #run} with no report) to compile the ledger's code, whose topics and changelogs are
   * then deleted: left behind, they gave the broker's log cleaner work through the measured rows.
   *
   * @return events/s, for the log only
   */
  double warmUpRun(final String guarantee, final int warmUp, final int events) {
    return run(guarantee, warmUp, events, null).perSecond();
  }

  private void deleteTopics(final BenchLedger.Outputs topics, final String applicationId) {
    try {
      stack.admin().deleteTopics(BenchKafka.withApplicationTopics(stack.admin(), topics.all(), applicationId)).all()
          .get(60, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted deleting the warm-up run's topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("deleting the warm-up run's topics failed", e);
    }
  }

  private static String shortNames(final Map<String, Long> appended, final BenchLedger.Outputs topics,
                                   final String applicationId) {
    final StringBuilder s = new StringBuilder();
    final String prefix = topics.events().substring(0, topics.events().indexOf(".ledger-events") + 1);
    appended.forEach((topic, count) -> {
      if (count > 0) {
        s.append(s.isEmpty() ? "" : ", ").append(topic.replace(applicationId + "-", "").replace(prefix, ""))
            .append(' ').append(String.format(Locale.ROOT, "%,d", count));
      }
    });
    return s.toString();
  }
}
