package dev.coffer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <pre>{@code
 * try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
 *   String url = registry.confluentUrl(); // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * }</pre>
 */
public final class EmbeddedRegistry implements RegistryServer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
  private static final String PID_FILE = "registry.pid";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 40;

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

    // What another way of running the registry (a container) reads of these options.
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
    if (Runtime.version().feature() < 21) {
      throw new IllegalStateException("Apicurio Registry needs Java 21 or newer; this JVM is "
          + Runtime.version() + " (" + System.getProperty("java.home") + "). Set JAVA_HOME to a JDK 21+");
    }
    final long started = System.nanoTime();
    final Path runJar = ApicurioDistribution.locate().runJar();
    final int port = options.port == 0 ? freePort() : options.port;
    // The management interface (health checks) is always on; keep it on loopback and off port 9000.
    final int managementPort = freePort();
    final Path storageDir = options.storageDir == null ? null : options.storageDir.toAbsolutePath();
    final Path logFile;
    final Path pidFile;
    final List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx" + options.maxHeap);
    // A small, short-lived server on a shared 2-core machine: cheap GC, quick JIT.
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+ExitOnOutOfMemoryError");
    // A class-data archive written at the first exit makes later starts about a second faster. Keyed
    // by the exact JVM build, which is the only one that can map it.
    command.add("-XX:+AutoCreateSharedArchive");
    command.add("-XX:SharedArchiveFile=" + runJar.resolveSibling("cds-"
        + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_") + ".jsa"));
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + managementPort);
    command.add("-Dquarkus.http.access-log.enabled=false");
    command.add("-Dquarkus.log.category.\"io.apicurio.registry.logging.audit\".level=WARN");
    command.add("-Dapicurio.datasource.jdbc.initial-size=2");
    command.add("-Dapicurio.datasource.jdbc.min-size=2");
    command.add("-Dapicurio.datasource.jdbc.max-size=10");
    try {
      if (storageDir != null) {
        Files.createDirectories(storageDir);
        pidFile = storageDir.resolve(PID_FILE);
        stopOrphan(pidFile);
        command.add("-Dapicurio.datasource.url=jdbc:h2:file:" + storageDir.resolve("registry")
            .toString().replace('\\', '/'));
        logFile = options.logFile != null ? options.logFile : storageDir.resolve("registry.log");
      } else {
        pidFile = null;
        logFile = options.logFile != null ? options.logFile
            : Files.createTempFile("coffer-registry-" + port + "-", ".log");
      }
      Files.createDirectories(logFile.toAbsolutePath().getParent());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot prepare the registry's folders", e);
    }
    command.add("-jar");
    command.add(runJar.toString());
    final Process process;
    try {
      process = new ProcessBuilder(command).directory(runJar.getParent().toFile())
          .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start the registry: " + String.join(" ", command), e);
    }
    final EmbeddedRegistry registry = new EmbeddedRegistry(process, port, logFile, pidFile, options.stopWithJvm);
    if (registry.shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
    }
    try {
      if (pidFile != null) {
        Files.writeString(pidFile, Long.toString(process.pid()));
      }
      registry.awaitReady(managementPort, options.startupTimeout);
    } catch (final IOException | RuntimeException e) {
      try {
        registry.close();
      } catch (final RuntimeException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + pidFile, io);
      }
      throw (RuntimeException) e;
    }
    LOG.info("Schema registry (Apicurio, {} storage) ready at {} in {} ms, log {}",
        storageDir == null ? "in-memory" : "H2 file " + storageDir, registry.confluentUrl(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile);
    return registry;
  }

  private void awaitReady(final int managementPort, final Duration timeout) {
    final URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the registry exited with status " + process.exitValue()
            + " during startup (port " + port + "); log " + logFile + " ends with:\n" + logTail());
      }
      try {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (final ConnectException e) {
        last = "not listening yet (" + e + ")";
      } catch (final IOException e) {
        last = e.toString();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the registry to start", e);
      }
      pause();
    }
    throw new IllegalStateException("the registry on port " + port + " was not ready within "
        + timeout.toSeconds() + " s (last health check: " + last + "); log " + logFile + " ends with:\n"
        + logTail());
  }

  /** The pause between two health checks of a deadline-bound wait. */
  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the registry", e);
    }
  }

  /** A registry left running by a JVM that was killed would hold the port and the database. */
  private static void stopOrphan(final Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    final String text = Files.readString(pidFile).strip();
    final long pid;
    try {
      pid = Long.parseLong(text);
    } catch (final NumberFormatException e) {
      throw new IllegalStateException(pidFile + " does not hold a process id: '" + text + "'", e);
    }
    final Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false));
    if (orphan.isPresent()) {
      LOG.warn("Stopping registry process {} left running by an earlier start", pid);
      orphan.get().destroy();
      orphan.get().onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }
    Files.delete(pidFile);
  }

  private static String javaExecutable() {
    final Path java = Path.of(System.getProperty("java.home"), "bin",
        System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    return java.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  private String logTail() {
    try {
      final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (final IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
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
