package dev.coffer.ledger.runtime;

import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.directory.DirectoryTopics;
import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.service.health.Health;
import dev.coffer.service.http.OpsServer;
import dev.coffer.service.lifecycle.Closer;
import dev.coffer.service.streams.TransientFailures;
import dev.coffer.topics.WriterSubjects;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ledger instance: the ledger topology in a {@link KafkaStreams} client, its metrics
 * and its ops HTTP server, started and stopped together. Used by {@link LedgerMain}, by the local
 * stack and, in-process, by the integration tests.
 *
 * <p>Start never calls {@link KafkaStreams#cleanUp()}: local state is kept across restarts so a
 * restart resumes from its stores instead of restoring them from the changelogs.
 */
public final class LedgerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

  private final LedgerConfig config;
  private final SchemaRegistry registry;
  private final LedgerMetrics metrics;
  private final KafkaStreams streams;
  private final CountDownLatch terminated = new CountDownLatch(1);
  /** Opened by the first RUNNING, or by termination: a start that fails wakes its waiter at once. */
  private final CountDownLatch runningOrTerminated = new CountDownLatch(1);
  private volatile boolean reachedRunning;
  private volatile Throwable failure;
  private volatile KafkaStreams.State lastState;
  private final TransientFailures passing = new TransientFailures();
  private final AtomicLong replacements = new AtomicLong();
  private final Health health = new Health();
  private OpsServer ops;
  private boolean started;
  private boolean closed;

  private LedgerService(final LedgerConfig config, final SchemaRegistry registry,
                        final Function<SchemaRegistry, LedgerTopics> topics,
                        final Function<SchemaRegistry, DirectoryTopics> directory, final boolean foldOnly) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = registry;
    this.metrics = new LedgerMetrics();
    final LedgerTopics typed = topics.apply(registry);
    // Auto-registration off: this build's schemas must be installed already (named if not).
    WriterSubjects.requireRegistered(typed.written());
    final DirectoryTopics players = foldOnly || directory == null ? null : directory.apply(registry);
    if (players != null) {
      WriterSubjects.requireRegistered(players.written());
    }
    final Topology topology = foldOnly
        ? LedgerTopology.buildReplay(typed, metrics, config.limits())
        : LedgerTopology.build(typed, players, metrics, config.limits(), config.quietCommit());
    LOG.info("Ledger topology of {}:\n{}", config.applicationId(), topology.describe());
    this.streams = new KafkaStreams(topology, config.streamsProperties());
    streams.setUncaughtExceptionHandler(e -> {
      // A registry outage or a broker lost under a commit must not stop the ledger: the thread is replaced
      // after a backoff, and the aborted transaction's records are processed again, never skipped.
      final StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse answer = passing.respond(e,
          config.applicationId(), LOG, config.uncaughtExceptionPolicy().response());
      if (answer == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
        replacements.incrementAndGet();
      } else {
        failure = e;
      }
      return answer;
    });
    streams.setStateListener((next, previous) -> {
      lastState = next;
      LOG.info("Ledger {} state {} -> {}", config.applicationId(), previous, next);
      if (next == KafkaStreams.State.RUNNING) {
        reachedRunning = true;
        runningOrTerminated.countDown();
      }
      if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.NOT_RUNNING) {
        terminated.countDown();
        runningOrTerminated.countDown();
      }
    });
    metrics.bind(streams);
  }

  /**
   * A ledger instance on Coffer's topics, with the player directory, and registry-framed Avro values
   * through the registry at {@link LedgerConfig#registryUrl()}.
   *
   * @param config the configuration
   * @return the instance, not yet started
   */
  public static LedgerService create(final LedgerConfig config) {
    return create(config, registry -> LedgerTopics.withRegistry(registry, config.schemasAutoRegister()),
        registry -> DirectoryTopics.withRegistry(registry, config.schemasAutoRegister()));
  }

  /**
   * A ledger instance whose topics (names and serdes) come from {@code topics}, given the registry
   * at {@link LedgerConfig#registryUrl()}, without the player directory; tests use it to give each test
   * its own topics.
   *
   * @param config the configuration
   * @param topics makes the typed topics from the registry
   * @return the instance, not yet started
   */
  public static LedgerService create(final LedgerConfig config,
                                     final Function<SchemaRegistry, LedgerTopics> topics) {
    return create(config, topics, null, false);
  }

  /**
   * A ledger instance on the topics {@code topics} makes, with the player directory on the topics
   * {@code directory} makes (tests: their own ledger topics, Coffer's directory).
   *
   * @param config the configuration
   * @param topics makes the ledger's typed topics from the registry
   * @param directory makes the directory's typed topics from the registry
   * @return the instance, not yet started
   */
  public static LedgerService create(final LedgerConfig config, final Function<SchemaRegistry, LedgerTopics> topics,
                                     final Function<SchemaRegistry, DirectoryTopics> directory) {
    return create(config, topics, Objects.requireNonNull(directory, "directory"), false);
  }

  /**
   * A replay of the fold alone ({@link LedgerTopology#buildReplay}) over the sequence topic of
   * {@code topics}, from its start: give it a fresh application id and scratch output topics.
   *
   * @param config the configuration (a fresh application id)
   * @param topics makes the typed topics from the registry: the sequence topic to replay, and outputs
   * @return the instance, not yet started
   */
  public static LedgerService replay(final LedgerConfig config,
                                     final Function<SchemaRegistry, LedgerTopics> topics) {
    return create(config, topics, null, true);
  }

  private static LedgerService create(final LedgerConfig config,
                                      final Function<SchemaRegistry, LedgerTopics> topics,
                                      final Function<SchemaRegistry, DirectoryTopics> directory,
                                      final boolean foldOnly) {
    final RestSchemaRegistry registry = new RestSchemaRegistry(config.registryUrl().toString());
    try {
      return new LedgerService(config, registry, topics, directory, foldOnly);
    } catch (final RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /** Coffer's topics with registry-framed Avro values whose writers register their schemas (tests, tools). */
  public static LedgerTopics cofferTopics(final SchemaRegistry registry) {
    return LedgerTopics.withRegistry(registry, true);
  }

  /** Coffer's player directory topics with registry-framed Avro values. */
  public static DirectoryTopics directoryTopics(final SchemaRegistry registry) {
    return DirectoryTopics.withRegistry(registry);
  }

  /**
   * Starts the ops HTTP server, then Kafka Streams.
   *
   * @return this
   */
  public synchronized LedgerService start() {
    if (started || closed) {
      throw new IllegalStateException("ledger " + config.applicationId() + " was already started");
    }
    started = true;
    // Ops first: /ready answers 503 while Streams starts, rather than refusing connections.
    health.streams(this::state);
    ops = OpsServer.start(config.httpHost(), config.httpPort(), health, metrics.service(), Map.of());
    LOG.info("Ledger {} ops HTTP on {}:{}; state dir {}", config.applicationId(), config.httpHost(),
        ops.port(), config.streams().stateDir());
    streams.start();
    return this;
  }

  /** The Streams state now, or {@code null} before the first transition. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The Streams client (interactive queries, metadata). */
  public KafkaStreams streams() {
    return streams;
  }

  /** The metrics and observer. */
  public LedgerMetrics metrics() {
    return metrics;
  }

  /** The configuration. */
  public LedgerConfig config() {
    return config;
  }

  /** The port of the ops HTTP server, once started. */
  public synchronized int opsPort() {
    if (ops == null) {
      throw new IllegalStateException("ledger " + config.applicationId() + " is not started");
    }
    return ops.port();
  }

  /** How many stream threads were replaced after dying of a passing cause (a registry outage). */
  public long threadReplacements() {
    return replacements.get();
  }

  /** The exception that killed a stream thread, if one did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Waits until Streams first reaches RUNNING, returning early if it stops before that.
   *
   * @param timeout the longest wait
   * @return whether it reached RUNNING (false: it stopped first, see {@link #failure()}, or time ran out)
   * @throws InterruptedException if interrupted
   */
  public boolean awaitRunning(final Duration timeout) throws InterruptedException {
    runningOrTerminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return reachedRunning;
  }

  /**
   * Waits until Streams stops (state ERROR or NOT_RUNNING).
   *
   * @param timeout the longest wait
   * @return whether it stopped
   * @throws InterruptedException if interrupted
   */
  public boolean awaitTermination(final Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether Streams ended in ERROR. */
  public boolean failed() {
    return lastState == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.ERROR;
  }

  /**
   * Closes gracefully: Streams commits and leaves the group (its partitions move at once, rather
   * than after the session timeout), then metrics, the ops server and the registry client.
   *
   * @param timeout how long Streams may take to close
   * @return whether Streams closed within the timeout
   */
  public synchronized boolean close(final Duration timeout) {
    if (closed) {
      return true;
    }
    closed = true;
    final boolean[] clean = {true};
    // Closed in reverse: Streams first, then metrics, the ops server and the registry client.
    final Closer parts = new Closer("ledger " + config.applicationId());
    if (registry instanceof AutoCloseable closeable) {
      parts.register(closeable);
    }
    if (ops != null) {
      parts.register(ops);
    }
    parts.register(metrics);
    parts.register(() -> clean[0] = streams.close(CloseOptions.timeout(timeout)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
    parts.close();
    if (!clean[0]) {
      LOG.warn("Ledger {} did not close within {}; its threads stop in the background",
          config.applicationId(), timeout);
    }
    LOG.info("Ledger {} closed (clean: {})", config.applicationId(), clean[0]);
    return clean[0];
  }

  /** Closes with {@link LedgerConfig#shutdownTimeout()}. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
  }
}
