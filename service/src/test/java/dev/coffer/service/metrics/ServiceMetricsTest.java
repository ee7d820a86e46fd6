package dev.coffer.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.kafka.ThreadSafeKafkaMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transactional state store's {@code uncommitted-bytes} gauge (Kafka Streams 4.4) reads the store's native write
 * batch on the calling thread, which crashed a JVM when Micrometer's binder read it off the stream thread. The
 * binder reads every metric's value when the set of metrics changes, and a scrape reads every gauge: neither may
 * ever read that one. The metrics here are named as Kafka Streams names them.
 */
class ServiceMetricsTest {
  private static final String GROUP = "stream-state-metrics";

  @Test
  @Timeout(30)
  void neitherTheBindersRefreshNorAScrapeReadsAStoresUncommittedBytes() throws Exception {
    final Map<MetricName, Metric> kafka = new ConcurrentHashMap<>();
    final Counted unsafe = counted(kafka, ServiceMetrics.UNSAFE_STORE_GAUGE);
    final Counted safe = counted(kafka, "put-rate");
    final ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ThreadSafeKafkaMetrics binder = new ThreadSafeKafkaMetrics(() -> Map.copyOf(kafka), ServiceMetrics::unsafe,
        refresh, Duration.ofMillis(20))) {
      binder.bindTo(registry);
      // A task moved here: the set of metrics changed, so the binder's next refresh reads every value it sees.
      counted(kafka, "get-rate");
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!registry.scrape().contains("kafka_stream_state_get_rate") && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      final String scrape = registry.scrape();
      assertThat(scrape).contains("kafka_stream_state_get_rate").contains("kafka_stream_state_put_rate")
          .doesNotContain("uncommitted");
      assertThat(safe.reads.get()).isPositive();
      assertThat(unsafe.reads).hasValue(0);
    } finally {
      refresh.shutdownNow();
      registry.close();
    }
  }

  private static Counted counted(final Map<MetricName, Metric> metrics, final String name) {
    final Counted metric = new Counted(new MetricName(name, GROUP, "", Map.of("store", "s")));
    metrics.put(metric.name, metric);
    return metric;
  }

  /** A gauge that counts its reads. */
  private static final class Counted implements Metric {
    private final MetricName name;
    private final AtomicInteger reads = new AtomicInteger();

    private Counted(final MetricName name) {
      this.name = name;
    }

    @Override
    public MetricName metricName() {
      return name;
    }

    @Override
    public Object metricValue() {
      return (double) reads.incrementAndGet();
    }
  }
}
