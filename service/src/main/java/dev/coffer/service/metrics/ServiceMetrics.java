package dev.coffer.service.metrics;

import dev.coffer.service.lifecycle.Closer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.ThreadSafeKafkaMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One service's metrics, under one naming scheme: a Prometheus registry with the JVM's binders
 * (memory, GC, threads, class loading, CPU, uptime), Kafka's own client and Streams metrics for every
 * producer, consumer and Streams client the service binds, and HTTP server requests as Micrometer's
 * {@value #HTTP_REQUESTS} timer with percentile histograms (Prometheus:
 * {@code http_server_requests_seconds_bucket|count|sum{method,uri,status,outcome}}). Service meters are
 * named {@code coffer.<service>.<what>}.
 */
public final class ServiceMetrics implements AutoCloseable {
  /** The timer of HTTP server requests. */
  public static final String HTTP_REQUESTS = "http.server.requests";
  /**
   * Kafka Streams 4.4's {@code uncommitted-bytes} gauge of a transactional state store: reading it calls into the
   * store's native RocksDB write batch from the reading thread, while the stream thread may be committing or
   * closing that batch. A read from another thread crashed a JVM (SIGSEGV in {@code WriteBatch.getDataSize},
   * reached from Micrometer's Kafka binder, round 12's CI), so the binder never sees it ({@link
   * ThreadSafeKafkaMetrics}): neither its refresh nor a scrape reads it.
   */
  static final String UNSAFE_STORE_GAUGE = "uncommitted-bytes";
  /**
   * How often the Kafka binders look for meters Kafka added or dropped since they bound: a partition's lag and
   * a task's metrics appear when the partition or task moves to this instance (a standby, a failover, a
   * rebalance). Micrometer's default is a minute, so a moved partition's lag went unseen for up to a minute
   * (deploy/bench's failover waited about 57 s for the standby's lag at any scale).
   */
  static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Closer binders = new Closer("metrics binders");
  // One thread refreshes every Kafka binder of the service; shut down after the binders close.
  private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("coffer-kafka-metrics").factory());
  // Registering looks the meter up by its sorted tags: about 4% of a wallet lookup's CPU (JFR),
  // against one map read here.
  private final Map<HttpSeries, Timer> httpTimers = new ConcurrentHashMap<>();

  /** A registry with the JVM's binders. */
  public ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    binders.register(new JvmGcMetrics()).bindTo(registry);
  }

  /** The registry, for the service's own meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Binds a producer's Kafka metrics ({@code kafka_producer_*}) until it or this closes. */
  public void bind(final Producer<?, ?> producer) {
    binders.register(new KafkaClientMetrics(producer, Tags.empty(), kafkaRefresh, KAFKA_METRICS_REFRESH))
        .bindTo(registry);
  }

  /** Binds a consumer's Kafka metrics ({@code kafka_consumer_*}) until it or this closes. */
  public void bind(final Consumer<?, ?> consumer) {
    binders.register(new KafkaClientMetrics(consumer, Tags.empty(), kafkaRefresh, KAFKA_METRICS_REFRESH))
        .bindTo(registry);
  }

  /** Binds a Kafka Streams client's metrics ({@code kafka_stream_*} and its clients'). */
  public void bind(final KafkaStreams streams) {
    binders.register(new ThreadSafeKafkaMetrics(streams::metrics, ServiceMetrics::unsafe, kafkaRefresh,
        KAFKA_METRICS_REFRESH)).bindTo(registry);
  }

  /** Whether only a Streams client's own thread may read the metric (see {@link #UNSAFE_STORE_GAUGE}). */
  static boolean unsafe(final MetricName metric) {
    return UNSAFE_STORE_GAUGE.equals(metric.name());
  }

  /**
   * Records one HTTP request.
   *
   * @param method the method
   * @param uri the route template ({@code /v1/apps/{appId}/purchases}), never the raw path; {@code NOT_FOUND}
   *     when no route matched
   * @param status the status answered
   * @param took how long it took
   */
  public void recordHttp(final String method, final String uri, final int status, final Duration took) {
    httpTimers.computeIfAbsent(new HttpSeries(method, uri, status), series -> Timer.builder(HTTP_REQUESTS)
        .description("HTTP server requests by method, route, status and outcome")
        .tag("method", method).tag("uri", uri).tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .publishPercentileHistogram()
        .register(registry)).record(took);
  }

  /** One series of {@value #HTTP_REQUESTS}: as many as the registry holds, bounded by the route templates. */
  private record HttpSeries(String method, String uri, int status) {
  }

  private static String outcome(final int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }

  /** Every meter in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    try {
      binders.close();
    } finally {
      kafkaRefresh.shutdownNow();
      registry.close();
    }
  }
}
