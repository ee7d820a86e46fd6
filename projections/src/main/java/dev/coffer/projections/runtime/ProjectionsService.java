package dev.coffer.projections.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.apps.Apps;
import dev.coffer.projections.ProjectionTopics;
import dev.coffer.projections.ProjectionTopology;
import dev.coffer.projections.changes.ChangeFeed;
import dev.coffer.projections.http.Access;
import dev.coffer.projections.http.Forwarder;
import dev.coffer.projections.http.PlayerReads;
import dev.coffer.projections.http.ProjectionsHttp;
import dev.coffer.projections.players.VersionWatch;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.store.JsonSerde;
import dev.coffer.projections.webhooks.Backoff;
import dev.coffer.projections.webhooks.WebhookDispatcher;
import dev.coffer.registry.RestSchemaRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running projections instance: the HTTP server (started first: its port is part of
 * {@code application.server}), the read-model topology in its own {@link KafkaStreams}, the change
 * feed of server-sent events and the webhook dispatcher, started and stopped together. Used by
 * {@link ProjectionsMain}, the local stack and the integration tests. Start never calls
 * {@link KafkaStreams#cleanUp()}: local stores are kept across restarts.
 */
public final class ProjectionsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionsService.class);

  private final ProjectionsConfig config;
  private final Apps apps;
  private final Clock clock;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final VersionWatch watch = new VersionWatch();
  private final InteractiveQueries queries = new InteractiveQueries();
  private final ObjectMapper json = JsonSerde.mapper();
  private final CountDownLatch running = new CountDownLatch(1);
  private final List<AutoCloseable> parts = new ArrayList<>();
  private RestSchemaRegistry registry;
  private KafkaStreams streams;
  private ProjectionsHttp http;
  /** Parts running on threads of their own, by name, each telling why it stopped if it did. */
  private final Map<String, Supplier<Optional<Throwable>>> background = new ConcurrentHashMap<>();
  private volatile Throwable failure;
  private boolean started;

  private ProjectionsService(final ProjectionsConfig config, final Apps apps, final Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.apps = Objects.requireNonNull(apps, "apps");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An instance with the apps of {@link ProjectionsConfig#appsFile()}, not yet started. */
  public static ProjectionsService create(final ProjectionsConfig config) {
    return new ProjectionsService(config, Apps.load(config.appsFile()), Clock.systemUTC());
  }

  /**
   * Starts HTTP, the change feed, Kafka Streams and the webhook dispatcher.
   *
   * @return this
   */
  public synchronized ProjectionsService start() {
    if (started) {
      throw new IllegalStateException("projections " + config.applicationId() + " was already started");
    }
    started = true;
    try {
      registry = new RestSchemaRegistry(config.registryUrl().toString());
      parts.add(registry);
      final ProjectionTopics topics = ProjectionTopics.withRegistry(registry, config.outcomesTopic(),
          config.purchaseLogTopic());
      final ChangeFeed changes = config.sseEnabled()
          ? new ChangeFeed(config.clientConfig(), config.outcomesTopic(), topics.outcomeSerde().deserializer())
              .start(Duration.ofSeconds(30)) : null;
      if (changes != null) {
        parts.add(changes);
        background.put("change-feed", changes::failure);
        Gauge.builder("coffer.projections.sse.subscriptions", changes, ChangeFeed::subscriptions).register(meters);
      }
      Gauge.builder("coffer.projections.version.waits", watch, VersionWatch::waiting).register(meters);
      final PlayerReads reads = new PlayerReads(new Access(apps, clock), queries,
          new Forwarder(config.forwardTimeout(), config.retryAfter().toSeconds()), watch, json,
          new PlayerReads.Settings(config.minVersionWait(), config.retryAfter().toSeconds()), changes);
      http = ProjectionsHttp.start(config.httpHost(), config.httpPort(), reads, queries::state, this::failedParts,
          meters, meters::scrape, json, () -> config.advertisedHost() + ":" + http.port());
      parts.add(http);
      final HostInfo self = new HostInfo(config.advertisedHost(), http.port());
      final Topology topology = ProjectionTopology.build(topics, watch);
      LOG.info("Projections topology of {}:\n{}", config.applicationId(), topology.describe());
      streams = new KafkaStreams(topology, config.streamsProperties(http.port()));
      streams.setUncaughtExceptionHandler(e -> {
        failure = e;
        LOG.error("Stream thread of {} died; shutting the client down", config.applicationId(), e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.setStateListener((next, previous) -> {
        LOG.info("Projections {} on {} state {} -> {}", config.applicationId(), self, previous, next);
        if (next == KafkaStreams.State.RUNNING) {
          running.countDown();
        }
      });
      new KafkaStreamsMetrics(streams).bindTo(meters);
      queries.attach(streams, self);
      streams.start();
      if (config.webhooksEnabled()) {
        final WebhookDispatcher webhooks = new WebhookDispatcher(config.clientConfig(),
            config.applicationId() + "-webhooks", config.outcomesTopic(), topics.outcomeSerde().deserializer(),
            config.webhookDeadLetterTopic(), apps, new WebhookDispatcher.Settings(config.webhookMaxAttempts(),
                new Backoff(config.webhookInitialBackoff(), config.webhookMaxBackoff()),
                config.webhookRequestTimeout(), config.webhooksFromBeginning()), json, clock, meters);
        parts.add(webhooks);
        background.put("webhooks", webhooks::failure);
        webhooks.start();
      }
      LOG.info("Projections {} serving HTTP on {}:{} (application.server {})", config.applicationId(),
          config.httpHost(), http.port(), self);
      return this;
    } catch (final RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Waits until Kafka Streams first reaches RUNNING.
   *
   * @return whether it did within {@code timeout}
   */
  public boolean awaitRunning(final Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The HTTP port. */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("projections " + config.applicationId() + " is not started");
    }
    return http.port();
  }

  /** The Kafka Streams client (state, metadata), once started. */
  public synchronized KafkaStreams streams() {
    return streams;
  }

  /** The configuration. */
  public ProjectionsConfig config() {
    return config;
  }

  /** The exception that killed a stream thread, if one did. */
  public Throwable failure() {
    return failure;
  }

  /** Stops webhooks, Streams (leaving the group), the change feed, HTTP and the registry client. */

  private Map<String, String> failedParts() {
    final Map<String, String> failed = new TreeMap<>();
    background.forEach((name, failure) -> failure.get().ifPresent(e -> failed.put(name, e.toString())));
    return failed;
  }
  @Override
  public synchronized void close() {
    RuntimeException error = null;
    // Webhooks first (their progress is committed per outcome), then Streams, then what serves reads.
    for (final AutoCloseable part : parts.reversed()) {
      if (part instanceof ProjectionsHttp && streams != null) {
        closeStreams();
      }
      try {
        part.close();
      } catch (final Exception e) {
        if (error == null) {
          error = new IllegalStateException("closing projections " + config.applicationId() + " failed", e);
        } else {
          error.addSuppressed(e);
        }
      }
    }
    closeStreams();
    parts.clear();
    meters.close();
    if (error != null) {
      throw error;
    }
  }

  private void closeStreams() {
    if (streams == null) {
      return;
    }
    final boolean clean = streams.close(CloseOptions.timeout(config.shutdownTimeout())
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!clean) {
      LOG.warn("Projections {} did not close within {}", config.applicationId(), config.shutdownTimeout());
    }
    streams = null;
  }
}
