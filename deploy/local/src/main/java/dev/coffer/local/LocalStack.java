package dev.coffer.local;

import dev.coffer.service.lifecycle.Closer;
import dev.coffer.embedded.CofferSetup;
import dev.coffer.embedded.EmbeddedRegistry;
import dev.coffer.embedded.Infrastructure;
import dev.coffer.embedded.KafkaCluster;
import dev.coffer.embedded.RegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running local stack: a persistent broker and registry on fixed ports, Coffer's topics and
 * subjects applied, then the services. {@link #close()} stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final Closer started = new Closer("the local stack");
  private final LocalConfig config;
  private final Infrastructure infrastructure;
  private KafkaCluster kafka;
  private RegistryServer registry;
  private CofferSetup.Result setup;
  private LocalContext context;
  private boolean closed;

  /** A stack not started yet; {@link #close()} may be called at any time, also during {@link #start}. */
  public LocalStack(final LocalConfig config) {
    this(config, Infrastructure.inProcess());
  }

  /**
   * A stack not started yet whose broker and registry run on {@code infrastructure} (tests run the same
   * stack against containers).
   */
  public LocalStack(final LocalConfig config, final Infrastructure infrastructure) {
    this.config = config;
    this.infrastructure = infrastructure;
  }

  /** Creates and {@linkplain #start starts} a stack. */
  public static LocalStack start(final LocalConfig config, final List<LocalService> services) {
    return start(config, services, Infrastructure.inProcess());
  }

  /** Creates and {@linkplain #start starts} a stack whose broker and registry run on {@code infrastructure}. */
  public static LocalStack start(final LocalConfig config, final List<LocalService> services,
                                 final Infrastructure infrastructure) {
    final LocalStack stack = new LocalStack(config, infrastructure);
    stack.start(services);
    return stack;
  }

  /**
   * Starts broker and registry (side by side), applies Coffer's topics and subjects, then starts
   * {@code services} in order. On failure everything already started is stopped before the exception
   * propagates.
   */
  public void start(final List<LocalService> services) {
    try {
      startAll(services);
    } catch (final RuntimeException e) {
      try {
        close();
      } catch (final RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Remembers a started part for close(); if the stack was closed meanwhile, stops the part at once. */
  private synchronized void track(final AutoCloseable part) {
    if (closed) {
      try {
        part.close();
      } catch (final Exception e) {
        throw new IllegalStateException("the local stack was stopped during startup; stopping " + part
            + " failed", e);
      }
      throw new IllegalStateException("the local stack was stopped during startup");
    }
    started.register(part);
  }

  private void startAll(final List<LocalService> services) {
    // The registry is its own JVM: let it boot while the broker starts here. Its database is an H2
    // file, so it needs nothing from Kafka.
    final CompletableFuture<RegistryServer> registryStart = CompletableFuture.supplyAsync(() -> infrastructure
        .startRegistry(EmbeddedRegistry.builder().port(config.registryPort())
            .storageDir(config.dataDir().resolve("registry"))
            .logFile(config.dataDir().resolve("logs").resolve("registry.log"))
            .maxHeap("512m").startupTimeout(Duration.ofSeconds(120))
            // CofferLocal's hook closes this stack in order: services before the registry they use.
            .stopWithJvm(false)));
    RuntimeException failure = null;
    try {
      kafka = infrastructure.startPersistentKafka(config.dataDir().resolve("kafka"), config.kafkaPort(),
          config.controllerPort());
      track(kafka);
    } catch (final RuntimeException e) {
      failure = e;
    }
    // Even when the broker failed: wait for the registry so that close() stops it.
    try {
      registry = registryStart.join();
      track(registry);
    } catch (final CompletionException | IllegalStateException e) {
      final RuntimeException cause = e instanceof CompletionException && e.getCause() instanceof RuntimeException r
          ? r : e;
      if (failure == null) {
        failure = cause;
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (failure != null) {
      throw failure;
    }
    try (Admin admin = kafka.createAdmin()) {
      setup = CofferSetup.apply(admin, registry.confluentUrl());
    }
    context = new LocalContext(kafka.bootstrapServers(), registry.confluentUrl(), config.dataDir(),
        config.appsFile());
    for (final LocalService service : services) {
      final long begun = System.nanoTime();
      // Registered before start so that a half-started service is closed too.
      track(service);
      try {
        service.start(context);
      } catch (final Exception e) {
        throw new IllegalStateException("service " + service.name() + " failed to start", e);
      }
      LOG.info("Service {} started in {} ms", service.describe(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
    }
  }

  /** The apps file the gateway and projections read. */
  public Path appsFile() {
    return context.appsFile();
  }

  /** The broker's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry's Confluent-compatible URL. */
  public String registryUrl() {
    return registry.confluentUrl();
  }

  /** What applying Coffer's topics and subjects did, with each subject's schema id. */
  public CofferSetup.Result setup() {
    return setup;
  }

  /** Stops the services in reverse order, then the registry and the broker; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    started.close();
  }
}
