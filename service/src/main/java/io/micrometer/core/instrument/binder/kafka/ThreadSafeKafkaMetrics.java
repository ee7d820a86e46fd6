package io.micrometer.core.instrument.binder.kafka;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Micrometer's Kafka binder over a Kafka client's metrics minus those that may only be read on the client's own
 * thread: the binder never sees them, so neither its refresh nor a scrape reads them.
 *
 * <p>Why it exists, and why in this package: Micrometer's binder reads <em>every</em> metric's value whenever the
 * set of metrics changes (to skip non-numeric ones), on its scheduler thread. Kafka Streams 4.4's
 * {@code uncommitted-bytes} gauge of a transactional state store reads the store's native RocksDB write batch on
 * the calling thread, which a JVM did not survive (SIGSEGV in {@code WriteBatch.getDataSize}, Coffer's CI, round
 * 12). A meter filter cannot stop the binder's own read; only a metrics map without the gauge can, and the one
 * constructor taking a metrics supplier is package-private here ({@code KafkaMetrics}). Everything else (naming,
 * tags, refresh) stays Micrometer's.
 */
public final class ThreadSafeKafkaMetrics extends KafkaMetrics {
  /**
   * @param metrics the client's metrics ({@code KafkaStreams::metrics}), read on every refresh
   * @param unsafe the metrics no other thread may read; left out of every map the binder sees
   * @param scheduler the refresh thread, managed by the caller
   * @param refresh how often the binder looks for metrics Kafka added or dropped
   */
  public ThreadSafeKafkaMetrics(final Supplier<Map<MetricName, ? extends Metric>> metrics,
                                final Predicate<MetricName> unsafe, final ScheduledExecutorService scheduler,
                                final Duration refresh) {
    super(() -> metrics.get().entrySet().stream().filter(e -> !unsafe.test(e.getKey()))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)), Tags.empty(), scheduler,
        refresh);
  }
}
