package dev.coffer.bench.ledger;

import dev.coffer.embedded.Await;
import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.registry.SchemaRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's own topology ({@link LedgerTopology}) run in this JVM on topics the bench names, with the
 * properties {@link LedgerConfig} derives, and one deliberate change: the processing guarantee.
 * {@link LedgerConfig} refuses to weaken exactly-once (rightly, for a deployment); the benchmark must
 * measure what that costs, so it swaps the guarantee in the derived properties and nothing else.
 */
public final class BenchLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BenchLedger.class);

  /** The topics of one run, each created beforehand by the caller. */
  public record Outputs(String events, String sequence, String outcomes, String walletChanges,
                        String inventoryChanges, String purchaseLog, String deadLetters, String purchaseIndex) {
    /** The names under {@code prefix}: {@code prefix.ledger-events}, {@code prefix.ledger-sequence} and so on. */
    public static Outputs under(final String prefix) {
      return new Outputs(prefix + ".ledger-events", prefix + ".ledger-sequence", prefix + ".ledger-outcomes",
          prefix + ".wallet-changes", prefix + ".inventory-changes", prefix + ".purchase-log",
          prefix + ".ledger-dead-letters", prefix + ".purchase-index");
    }

    /**
     * Every name. The events topic (receipts) and the sequence topic (player-scoped events, then the
     * receipt stage's verdicts) are the run's input, filled before it starts as the gateway would.
     */
    public List<String> all() {
      return List.of(events, sequence, outcomes, walletChanges, inventoryChanges, purchaseLog, deadLetters,
          purchaseIndex);
    }
  }

  private final KafkaStreams streams;
  private final String applicationId;
  private volatile Throwable failure;
  private volatile long runningAtNanos;

  /**
   * @param bootstrapServers the cluster
   * @param registryUrl the registry's Confluent-compatible URL
   * @param registry the registry client the serdes use
   * @param applicationId a fresh application id (the run starts from the beginning of its inputs)
   * @param stateDir the run's own state folder
   * @param guarantee {@link StreamsConfig#EXACTLY_ONCE_V2} or {@link StreamsConfig#AT_LEAST_ONCE}
   * @param outputs the run's topics: inputs, outcomes and changes
   * @param ledgerSettings further ledger configuration keys ({@code --ledger-settings}), on top of the bench's
   */
  public BenchLedger(final String bootstrapServers, final String registryUrl, final SchemaRegistry registry,
                     final String applicationId, final Path stateDir, final String guarantee,
                     final Outputs outputs, final Map<String, String> ledgerSettings) {
    this(bootstrapServers, registryUrl, registry, applicationId, stateDir, guarantee, outputs, false,
        ledgerSettings);
  }

  /**
   * The fold alone ({@link LedgerTopology#buildReplay}) over {@code outputs.sequence()} from its start,
   * exactly-once: the replay of invariant 4.
   *
   * @param bootstrapServers the cluster
   * @param registryUrl the registry's Confluent-compatible URL
   * @param registry the registry client the serdes use
   * @param applicationId a fresh application id
   * @param stateDir the replay's own state folder
   * @param outputs the sequence topic to replay, and the replay's own output topics
   * @return the replay, not started
   */
  public static BenchLedger foldReplay(final String bootstrapServers, final String registryUrl,
                                       final SchemaRegistry registry, final String applicationId,
                                       final Path stateDir, final Outputs outputs) {
    return new BenchLedger(bootstrapServers, registryUrl, registry, applicationId, stateDir,
        StreamsConfig.EXACTLY_ONCE_V2, outputs, true, Map.of());
  }

  private BenchLedger(final String bootstrapServers, final String registryUrl, final SchemaRegistry registry,
                      final String applicationId, final Path stateDir, final String guarantee,
                      final Outputs outputs, final boolean foldOnly, final Map<String, String> ledgerSettings) {
    this.applicationId = applicationId;
    final Map<String, String> settings =
        LedgerConfig.singleBroker(bootstrapServers, registryUrl, applicationId, stateDir);
    settings.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "64MiB");
    settings.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    settings.put(LedgerConfig.HTTP_PORT, "0");
    settings.putAll(ledgerSettings);
    final LedgerConfig config = LedgerConfig.fromMap(settings);
    final Properties props = config.streamsProperties();
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    final LedgerTopics topics = LedgerTopics.withRegistry(registry).named(outputs.events(), outputs.sequence(),
        outputs.outcomes(), outputs.walletChanges(), outputs.inventoryChanges(), outputs.purchaseLog(),
        outputs.deadLetters(), outputs.purchaseIndex());
    this.streams = new KafkaStreams(foldOnly ? LedgerTopology.buildReplay(topics, LedgerObserver.NONE)
        : LedgerTopology.build(topics, null, LedgerObserver.NONE, config.limits(), config.quietCommit()), props);
    streams.setUncaughtExceptionHandler(e -> {
      failure = e;
      LOG.error("Bench ledger {} stream thread died", applicationId, e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((next, previous) -> {
      if (next == KafkaStreams.State.RUNNING && runningAtNanos == 0) {
        runningAtNanos = System.nanoTime();
      }
    });
  }

  /** Starts Streams and waits (bounded) until it runs. */
  public BenchLedger start(final Duration timeout) {
    streams.start();
    Await.until("bench ledger " + applicationId + " RUNNING", timeout, () -> {
      if (failure != null || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("bench ledger " + applicationId + " failed while starting", failure);
      }
      return runningAtNanos != 0;
    });
    return this;
  }

  /** {@link System#nanoTime()} when Streams first reached RUNNING, 0 before. */
  public long runningAtNanos() {
    return runningAtNanos;
  }

  /** Fails if a stream thread died. */
  public void checkAlive() {
    if (failure != null || streams.state() == KafkaStreams.State.ERROR) {
      throw new IllegalStateException("bench ledger " + applicationId + " died", failure);
    }
  }

  /**
   * Where the stream threads' time has gone so far, from Kafka's own cumulative metrics, summed over the threads
   * (one by default). Reads only these named metrics: Streams' {@code uncommitted-bytes} gauge must not be read off
   * its thread (see the service kit's {@code ServiceMetrics}).
   *
   * @param nanos {@link System#nanoTime()} when read
   * @param pollWait the main consumers' time in their network I/O, in polls ({@code io-wait-time-ns-total} and
   *     {@code io-time-ns-total}): mostly waiting for fetched records
   * @param flush the producers' flushes before each commit ({@code flush-time-ns-total})
   * @param sendOffsets the transactions' offset commits ({@code txn-send-offsets-time-ns-total})
   * @param commit the transactions' commits ({@code txn-commit-time-ns-total})
   * @param cpu the stream threads' CPU time ({@link ThreadMXBean#getThreadCpuTime}): unlike the wall-clock shares,
   *     what the work cost whoever else wanted the cores meanwhile
   */
  public record ThreadTime(long nanos, double pollWait, double flush, double sendOffsets, double commit, long cpu) {
    /** What accrued between {@code earlier} and this. */
    public ThreadTime since(final ThreadTime earlier) {
      return new ThreadTime(nanos - earlier.nanos, pollWait - earlier.pollWait, flush - earlier.flush,
          sendOffsets - earlier.sendOffsets, commit - earlier.commit, cpu - earlier.cpu);
    }

    /** The stream threads' CPU time per event, in microseconds, over {@code events} decided in this span. */
    public double cpuMicrosPer(final long events) {
      return cpu / 1e3 / events;
    }

    /** The stream threads' CPU time as a share of the elapsed time (1 = one core throughout). */
    public double cpuShare() {
      return share(cpu);
    }

    /** Each part as a percentage of the elapsed time, for a report row. */
    public String summary() {
      return String.format(Locale.ROOT, "in polls' network I/O %.0f%%, flushing before commits %.0f%%, "
          + "committing offsets %.0f%%, committing transactions %.0f%%, the rest (processing, Streams' own work) "
          + "%.0f%%", 100 * share(pollWait), 100 * share(flush), 100 * share(sendOffsets), 100 * share(commit),
          100 * (1 - inKafkaCalls()));
    }

    /** The parts as shares of the elapsed time, for the JSON results. */
    public Map<String, Double> shares() {
      return Map.of("pollIo", share(pollWait), "flush", share(flush), "sendOffsets", share(sendOffsets), "commit",
          share(commit));
    }

    /** The share of the elapsed time spent in all four parts together. */
    public double inKafkaCalls() {
      return share(pollWait + flush + sendOffsets + commit);
    }

    private double share(final double partNanos) {
      return partNanos / nanos;
    }
  }

  /** The stream threads' cumulative times now. */
  public ThreadTime threadTime() {
    double pollWait = 0;
    double flush = 0;
    double sendOffsets = 0;
    double commit = 0;
    for (final Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      final MetricName name = e.getKey();
      final String client = name.tags().getOrDefault("client-id", "");
      // The main consumer and the thread's producer; not the restore consumer (the state updater's thread).
      if (!client.matches(".*-StreamThread-\\d+-(consumer|producer)")) {
        continue;
      }
      switch (name.group() + "/" + name.name()) {
        case "consumer-metrics/io-wait-time-ns-total", "consumer-metrics/io-time-ns-total" ->
          pollWait += value(e.getValue());
        case "producer-metrics/flush-time-ns-total" -> flush += value(e.getValue());
        case "producer-metrics/txn-send-offsets-time-ns-total" -> sendOffsets += value(e.getValue());
        case "producer-metrics/txn-commit-time-ns-total" -> commit += value(e.getValue());
        default -> {
        }
      }
    }
    return new ThreadTime(System.nanoTime(), pollWait, flush, sendOffsets, commit, streamThreadsCpu());
  }

  /**
   * The CPU time of this ledger's stream threads ({@code <application id>-<uuid>-StreamThread-N}; not their
   * producers' I/O threads or the state updater), in nanoseconds.
   */
  private long streamThreadsCpu() {
    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(applicationId)
          && info.getThreadName().matches(".*-StreamThread-\\d+")) {
        cpu += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return cpu;
  }

  private static double value(final Metric metric) {
    return metric.metricValue() instanceof Number n ? n.doubleValue() : 0;
  }

  @Override
  public void close() {
    if (!streams.close(Duration.ofSeconds(30))) {
      LOG.warn("Bench ledger {} did not close within 30 s", applicationId);
    }
  }
}
