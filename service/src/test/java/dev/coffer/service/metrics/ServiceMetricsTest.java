package dev.coffer.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A transactional state store's {@code uncommitted-bytes} gauge (Kafka Streams 4.4) reads the store's native write
 * batch on the calling thread, which crashed a JVM when a scrape raced the stream thread: the registry must never
 * read it. Its name here is the one Micrometer's Kafka binder gives it.
 */
class ServiceMetricsTest {
  @Test
  void aScrapeNeverReadsAStoresUncommittedBytesGauge() {
    final AtomicInteger unsafeReads = new AtomicInteger();
    final AtomicInteger safeReads = new AtomicInteger();
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      Gauge.builder("kafka.stream.state.uncommitted.bytes", unsafeReads, AtomicInteger::incrementAndGet)
          .register(metrics.registry());
      Gauge.builder("kafka.stream.state.put.rate", safeReads, AtomicInteger::incrementAndGet)
          .register(metrics.registry());
      final String scrape = metrics.scrape();
      assertThat(scrape).doesNotContain("uncommitted_bytes").contains("kafka_stream_state_put_rate");
      assertThat(unsafeReads).hasValue(0);
      assertThat(safeReads.get()).isPositive();
    }
  }
}
