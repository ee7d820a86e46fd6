package dev.coffer.projections.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.apps.Apps;
import dev.coffer.projections.ProjectionTopics;
import dev.coffer.projections.ProjectionTopology;
import dev.coffer.projections.analytics.AnalyticsStreams;
import dev.coffer.projections.analytics.AnalyticsTopology;
import dev.coffer.projections.changes.ChangeFeed;
import dev.coffer.projections.console.ConsoleHttp;
import dev.coffer.projections.http.Access;
import dev.coffer.projections.http.Forwarder;
import dev.coffer.projections.http.PlayerReads;
import dev.coffer.projections.http.ProjectionsHttp;
import dev.coffer.projections.players.RecentViews;
import dev.coffer.projections.players.VersionWatch;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.store.JsonSerde;
import dev.coffer.projections.webhooks.Backoff;
import dev.coffer.projections.webhooks.PlayerDeletions;
import dev.coffer.projections.webhooks.WebhookDispatcher;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.schemas.privacy.PlayerDataKey;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.service.health.Health;
import dev.coffer.service.http.OpsServer;
import dev.coffer.service.lifecycle.Closer;
import dev.coffer.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import dev.coffer.topics.WriterSubjects;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import dev.coffer.service.streams.TransientFailures;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running projections instance: the HTTP server (started first: its port is part of
 * {@code application.server}), the read-model topology in its own {@link KafkaStreams}, the change
 * feed of server-sent events, the analytics application behind the console's app view
 * ({@link AnalyticsStreams}, unless {@code analytics.enabled} is false) and the webhook dispatcher, started
 * together and closed in reverse ({@link Closer}: webhooks, analytics, Streams, the ops server, HTTP, the
 * change feed, the registry client).
 * Used by {@link ProjectionsMain}, the local stack and the integration tests. Start never calls
 * {@link KafkaStreams#cleanUp()}: local stores are kept across restarts.
 *
 * <p>Ready ({@code /ready}, {@code /health}) only while Streams is RUNNING: not while REBALANCING, when
 * reads answer 503. Live ({@code /live}) unless Streams failed or stopped, or the change feed or the
 * webhook dispatcher stopped on its own.
 */
public final class ProjectionsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionsService.class);

  private final ProjectionsConfig config;
  private final Apps apps;
  private final Clock clock;
  private final Closer parts;
  private final ServiceMetrics metrics;
  private final Health health = new Health();
  private final VersionWatch watch = new VersionWatch();
  private final InteractiveQueries queries = new InteractiveQueries();
  private final InteractiveQueries analyticsQueries = new InteractiveQueries();
  private final RecentViews recent;
  private final ObjectMapper json = JsonSerde.httpMapper();
  private final CountDownLatch running = new CountDownLatch(1);
  private KafkaStreams streams;
  private ProjectionsHttp http;
  private OpsServer ops;
  private volatile WebhookDispatcher webhooks;
  private volatile Throwable failure;
  private boolean started;

  private ProjectionsService(final ProjectionsConfig config, final Apps apps, final Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.apps = Objects.requireNonNull(apps, "apps");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parts = new Closer("projections " + config.applicationId());
    this.metrics = parts.register(new ServiceMetrics());
    this.recent = new RecentViews(config.recentViews());
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
      final RestSchemaRegistry registry = parts.register(new RestSchemaRegistry(config.registryUrl().toString()));
      final ProjectionTopics topics = ProjectionTopics.withRegistry(registry, config.schemasAutoRegister(),
          config.outcomesTopic(),
          config.purchaseLogTopic(), config.purchaseIndexTopic(), config.privacy().webhookDeliveriesTopic());
      if (config.webhooksEnabled()) {
        // Auto-registration off: the schema of what the dispatcher writes must be installed already.
        WriterSubjects.requireRegistered(List.of(topics.webhookDeliveries()));
      }
      final PlayerDirectory directory = startDirectory(registry);
      final ChangeFeed changes = config.sseEnabled() ? startChangeFeed(topics) : null;
      health.streams(queries::state);
      Gauge.builder("coffer.projections.version.waits", watch, VersionWatch::waiting).register(metrics.registry());
      recent.bindMetrics(metrics.registry());
      final Access access = new Access(apps, clock, directory);
      final Forwarder forwarder = new Forwarder(config.forwardTimeout(), config.retryAfter().toSeconds());
      http = parts.register(ProjectionsHttp.start(config.httpHost(), config.httpPort(), new ProjectionsHttp.Parts(
          access, queries, recent, forwarder, watch, json,
          new PlayerReads.Settings(config.minVersionWait(), config.retryAfter().toSeconds(), clock), changes,
          health, metrics, config.opsPort() != null, () -> config.advertisedHost() + ":" + http.port(),
          config.internalToken(), new ConsoleHttp.Parts(config.console(), access, forwarder, analyticsQueries, clock,
              config.retryAfter().toSeconds(), config.clientConfig(), config.webhookDeadLetterTopic(),
              () -> webhooks))));
      if (config.opsPort() != null) {
        ops = parts.register(OpsServer.start(config.httpHost(), config.opsPort(), health, metrics,
            Map.of("/instances", http.instances())));
      }
      final HostInfo self = new HostInfo(config.advertisedHost(), http.port());
      startStreams(topics, self);
      if (config.console().analytics()) {
        final AnalyticsStreams analytics = parts.register(AnalyticsStreams.start(config.streamsProperties(http.port()),
            topics, new AnalyticsTopology.Settings(config.console().outcomeRetention(), config.console().flush(),
                clock),
            self, analyticsQueries, metrics, config.shutdownTimeout()));
        health.background("analytics", analytics::failure);
      }
      webhooks = config.webhooksEnabled() ? startWebhooks(topics, registry) : null;
      startPlayerDeletions(registry, webhooks);
      LOG.info("Projections {} serving HTTP on {}:{} (application.server {}){}", config.applicationId(),
          config.httpHost(), http.port(), self, ops == null ? "" : "; ops on port " + ops.port());
      return this;
    } catch (final RuntimeException e) {
      close();
      throw e;
    }
  }

  private ChangeFeed startChangeFeed(final ProjectionTopics topics) {
    final ChangeFeed changes = parts.register(new ChangeFeed(config.clientConfig(), topics.outcomes(),
        new ChangeFeed.Limits(config.sseMaxStreamsPerApp(), config.sseBuffer(),
            Duration.ofSeconds(2), config.sseHeartbeat()), metrics.registry()));
    changes.bindMetrics(metrics);
    changes.start(Duration.ofSeconds(30));
    health.background("change-feed", changes::failure);
    Gauge.builder("coffer.projections.sse.subscriptions", changes, ChangeFeed::subscriptions)
        .register(metrics.registry());
    return changes;
  }

  private void startStreams(final ProjectionTopics topics, final HostInfo self) {
    final Topology topology = ProjectionTopology.build(topics, watch, queries, recent);
    LOG.info("Projections topology of {}:\n{}", config.applicationId(), topology.describe());
    streams = new KafkaStreams(topology, config.streamsProperties(http.port()));
    parts.register(this::closeStreams);
    final TransientFailures passing = new TransientFailures();
    streams.setUncaughtExceptionHandler(e -> {
      // A passing cause (a broker lost under a commit) replaces the thread; anything else stops the client.
      final StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse answer = passing.respond(e,
          config.applicationId(), LOG, StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
      if (answer != StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
        failure = e;
      }
      return answer;
    });
    streams.setStateListener((next, previous) -> {
      LOG.info("Projections {} on {} state {} -> {}", config.applicationId(), self, previous, next);
      if (next == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    metrics.bind(streams);
    queries.attach(streams, self);
    streams.start();
  }

  private PlayerDirectory startDirectory(final RestSchemaRegistry registry) {
    final PrivacySettings privacy = config.privacy();
    final PlayerDirectory directory = parts.register(new PlayerDirectory(config.clientConfig(), registry, apps,
        new PlayerDirectory.Settings(privacy.directoryRequestsTopic(), privacy.directoryTopic(),
            privacy.directoryTimeout(), privacy.directoryCacheSize(), config.applicationId()), clock));
    directory.bindMetrics(metrics);
    directory.start(Duration.ofSeconds(30));
    health.live("directory-follower", () -> directory.healthy() ? Optional.empty() : Optional.of("not following"));
    return directory;
  }

  /** Always on: an erased player's key is destroyed (after its webhook, if this instance sends them). */
  private void startPlayerDeletions(final RestSchemaRegistry registry, final WebhookDispatcher webhooks) {
    final PlayerDeletions deletions = parts.register(new PlayerDeletions(config.clientConfig(),
        config.applicationId() + "-player-deletions", config.privacy().playerKeysTopic(),
        new AvroDeserializer<>(registry, PlayerDataKey.class, false), apps, webhooks));
    deletions.bindMetrics(metrics);
    health.background("player-deletions", deletions::failure);
    deletions.start();
  }

  private WebhookDispatcher startWebhooks(final ProjectionTopics topics, final RestSchemaRegistry registry) {
    final WebhookDispatcher dispatcher = parts.register(new WebhookDispatcher(config.clientConfig(),
        config.applicationId() + "-webhooks", topics.outcomes(), config.webhookDeadLetterTopic(),
        topics.webhookDeliveries(), apps, new WebhookDispatcher.Settings(config.webhookMaxAttempts(),
            new Backoff(config.webhookInitialBackoff(), config.webhookMaxBackoff()), config.webhookRequestTimeout(),
            config.webhooksFromBeginning(), config.webhookParallelism(), config.webhookQueueCapacity()), json, clock,
        metrics.registry()));
    dispatcher.bindMetrics(metrics);
    health.background("webhooks", dispatcher::failure);
    dispatcher.start();
    return dispatcher;
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

  /** The port of the ops server ({@code ops.port}), if one runs. */
  public synchronized Optional<Integer> opsPort() {
    return Optional.ofNullable(ops).map(OpsServer::port);
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

  /** Closes everything started, in reverse order of start. */
  @Override
  public synchronized void close() {
    parts.close();
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
  }
}
