package dev.coffer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry server, run as a child JVM with the same {@code java} as this one, bound to
 * 127.0.0.1. It speaks the Confluent Schema Registry REST API at {@link #confluentUrl()}.
 *
 * <p>Storage is in memory unless {@link Builder#storageDir(Path)} names a folder: then the registry keeps
 * its content in an H2 file database there, so schema ids written into topics still resolve after a
 * restart. The child is stopped on {@link #close()} and, should this JVM end first, by a shutdown hook.
 *
 * <p>This class is the options and the running server's handle; the child's command line and folders
 * are {@code RegistryLaunch}'s, the wait until it is ready {@code RegistryReadiness}'s.
 *
 * <pre>{@code
 * try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
 *   String url = registry.confluentUrl(); // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * }</pre>
 */
public final class EmbeddedRegistry implements RegistryServer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
  /** How long a registry gets to stop before it is killed (this one, or an orphan of an earlier run). */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Path pidFile;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedRegistry(final Process process, final int port, final Path logFile, final Path pidFile,
                           final boolean stopWithJvm) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.pidFile = pidFile;
    // Never leave an orphan registry holding the port and the database if this JVM ends first.
    this.shutdownHook = stopWithJvm ? new Thread(process::destroy, "coffer-registry-stopper") : null;
  }

  /** A builder with in-memory storage, a free port and a 120 s startup deadline. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a registry to start. */
  public static final class Builder {
    private int port;
    private Path storageDir;
    private Path logFile;
    private Duration startupTimeout = Duration.ofSeconds(120);
    private String maxHeap = "384m";
    private boolean stopWithJvm = true;

    private Builder() {
    }

    /** The HTTP port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(final int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /** Keep the registry's content in an H2 database under this folder; default: in memory. */
    public Builder storageDir(final Path value) {
      this.storageDir = value;
      return this;
    }

    /** Where the server's output goes; default: {@code registry.log} in the storage folder or tmpdir. */
    public Builder logFile(final Path value) {
      this.logFile = value;
      return this;
    }

    /** How long to wait for the server to report ready. */
    public Builder startupTimeout(final Duration value) {
      this.startupTimeout = Objects.requireNonNull(value, "startupTimeout");
      return this;
    }

    /** The child JVM's maximum heap, as for {@code -Xmx} (default 384m). */
    public Builder maxHeap(final String value) {
      this.maxHeap = Objects.requireNonNull(value, "maxHeap");
      return this;
    }

    /**
     * Whether a shutdown hook of its own stops the server when this JVM exits (default {@code true}).
     * Turn it off only when the caller's own hook closes the registry, to keep a stop order (the local
     * stack stops its services before the registry).
     */
    public Builder stopWithJvm(final boolean value) {
      this.stopWithJvm = value;
      return this;
    }

    /** Starts the server and waits until it is ready; fails with the log's tail if it does not get there. */
    public EmbeddedRegistry start() {
      return EmbeddedRegistry.start(this);
    }

    // What the ways of running the registry (a child JVM, a container) read of these options.
    int port() {
      return port;
    }

    Path storageDir() {
      return storageDir;
    }

    Path logFile() {
      return logFile;
    }

    Duration startupTimeout() {
      return startupTimeout;
    }

    String maxHeap() {
      return maxHeap;
    }
  }

  private static EmbeddedRegistry start(final Builder options) {
    final long started = System.nanoTime();
    final RegistryLaunch launch = RegistryLaunch.prepare(options);
    final Process process = launch.start();
    final EmbeddedRegistry registry = new EmbeddedRegistry(process, launch.port(), launch.logFile(),
        launch.pidFile(), options.stopWithJvm);
    if (registry.shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
    }
    try {
      if (launch.pidFile() != null) {
        Files.writeString(launch.pidFile(), Long.toString(process.pid()));
      }
      RegistryReadiness.await(launch, process, options.startupTimeout);
    } catch (final IOException | RuntimeException e) {
      try {
        registry.close();
      } catch (final RuntimeException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + launch.pidFile(), io);
      }
      throw (RuntimeException) e;
    }
    LOG.info("Schema registry (Apicurio, {} storage) ready at {} in {} ms, log {}",
        launch.storageDir() == null ? "in-memory" : "H2 file " + launch.storageDir(), registry.confluentUrl(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), launch.logFile());
    return registry;
  }

  /** The HTTP port. */
  public int port() {
    return port;
  }

  /**
   * Freezes the registry process (SIGSTOP): connections still open, nothing answers, as in an outage
   * where a node hangs. {@link #resume()} undoes it. For fault tests.
   */
  @Override
  public void freeze() {
    signal("STOP");
  }

  /** Lets a {@link #freeze() frozen} registry go on (SIGCONT). */
  @Override
  public void resume() {
    signal("CONT");
  }

  private void signal(final String name) {
    try {
      final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot signal the registry process", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling the registry", e);
    }
  }

  /** The server's root, {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}: the registry URL. */
  @Override
  public String confluentUrl() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** Where the server writes its output. */
  public Path logFile() {
    return logFile;
  }

  /** Stops the server and waits for it to exit (forcibly after 20 s); idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (final IllegalStateException e) {
        // The JVM is already shutting down and the hook is stopping the process: nothing to remove.
        LOG.debug("JVM shutting down; the registry's shutdown hook stops it", e);
      }
    }
    final long started = System.nanoTime();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("The registry did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while stopping the registry", e);
    }
    if (pidFile != null) {
      try {
        Files.deleteIfExists(pidFile);
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot delete " + pidFile, e);
      }
    }
    LOG.info("Schema registry on port {} stopped in {} ms", port,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }
}
