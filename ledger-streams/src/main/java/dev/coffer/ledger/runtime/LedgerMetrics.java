package dev.coffer.ledger.runtime;

import dev.coffer.ledger.LedgerObserver;
import io.micrometer.core.instrument.Counter;
import dev.coffer.service.metrics.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The ledger's metrics in the service kit's registry ({@link ServiceMetrics}: JVM, and Kafka Streams'
 * own through Micrometer's {@code KafkaStreamsMetrics}) and the ledger's counters, fed as a
 * {@link LedgerObserver}:
 * {@code coffer_ledger_outcomes_total{app,status,reason}} and
 * {@code coffer_ledger_dead_letters_total{reason}} and {@code coffer_ledger_redeliveries_total{app}} (events
 * read again under their own id, which a producer wrote twice: neither decided nor answered again).
 *
 * <p>The counters observe processing, not committed results: a transaction that aborts (a crash,
 * a rebalance) is processed again and counted again. The outcomes topic, read with
 * {@code read_committed}, is the truth; these counters are for rates and alerts.
 */
public final class LedgerMetrics implements LedgerObserver, AutoCloseable {
  /** The reason tag of an outcome without a reason code (APPLIED ones). */
  public static final String NO_REASON = "none";

  private final ServiceMetrics metrics = new ServiceMetrics();
  private final PrometheusMeterRegistry registry = metrics.registry();
  // Counter lookup by tag values on the stream thread's hot path, without building Meter.Ids.
  private final ConcurrentMap<OutcomeKey, Counter> outcomes = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> redeliveries = new ConcurrentHashMap<>();
  private boolean bound;

  private record OutcomeKey(String app, String status, String reason) {
  }

  /** The registry, to add meters or scrape. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The service kit's metrics these are part of (for its HTTP server). */
  public ServiceMetrics service() {
    return metrics;
  }

  /**
   * Binds Kafka Streams' client, thread, task and store metrics of {@code streams}.
   *
   * @param streams the running application
   */
  public synchronized void bind(final KafkaStreams streams) {
    if (bound) {
      throw new IllegalStateException("already bound to a KafkaStreams instance");
    }
    bound = true;
    metrics.bind(Objects.requireNonNull(streams, "streams"));
  }

  @Override
  public void onOutcome(final String appId, final String status, final String reason) {
    final OutcomeKey key = new OutcomeKey(String.valueOf(appId), String.valueOf(status),
        reason == null ? NO_REASON : reason);
    outcomes.computeIfAbsent(key, k -> Counter.builder("coffer.ledger.outcomes")
        .description("Outcomes the ledger emitted, by tenant, status and reason code")
        .tag("app", k.app()).tag("status", k.status()).tag("reason", k.reason())
        .register(registry)).increment();
  }

  @Override
  public void onDeadLetter(final String reason) {
    deadLetters.computeIfAbsent(String.valueOf(reason), r -> Counter.builder("coffer.ledger.dead.letters")
        .description("Input records sent to the dead-letter topic, by reason")
        .tag("reason", r).register(registry)).increment();
  }

  @Override
  public void onRedelivery(final String appId) {
    redeliveries.computeIfAbsent(String.valueOf(appId), a -> Counter.builder("coffer.ledger.redeliveries")
        .description("Events read again under their own id (written twice by a producer), neither decided nor "
            + "answered again, by tenant")
        .tag("app", a).register(registry)).increment();
  }

  /** The metrics in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    metrics.close();
  }
}
