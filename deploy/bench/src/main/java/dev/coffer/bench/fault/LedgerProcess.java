package dev.coffer.bench.fault;

import dev.coffer.bench.ProcessMemory;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ledger instance in a child JVM running {@link LedgerMain} with a YAML file, as deployed: it can be
 * killed with SIGKILL (no close, no commit: the broker aborts its open transaction), paused with
 * SIGSTOP and resumed with SIGCONT, and restarted on the same state folder. Tracks its peak RSS.
 * Its configuration, state folder and log are {@code <work>/<name>.yaml}, {@code <name>-state} and
 * {@code <name>.log}; a second object of the same name and work folder is the same instance started
 * with other settings (its log goes on in the same file).
 */
public final class LedgerProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerProcess.class);
  /** Detect a dead or frozen instance quickly: the broker's minimum session timeout. */
  static final Map<String, String> FAST_FAILOVER = Map.of(
      "kafka.session.timeout.ms", "6000",
      "kafka.heartbeat.interval.ms", "1000",
      // A victim's open transaction blocks its partitions until the broker aborts it.
      "kafka.producer.transaction.timeout.ms", "5000");

  private final String name;
  private final Path config;
  private final Path stateDir;
  private final Path log;
  private final int opsPort;
  private final List<String> jvmOptions;
  private Process process;
  private long peakRssBytes;
  private int starts;

  /** The fault harness's instance: small RocksDB budget, quick start, {@link #FAST_FAILOVER}. */
  LedgerProcess(final String name, final String bootstrapServers, final String registryUrl,
                final String applicationId, final Path work, final int opsPort) {
    this(name, work, opsPort, faultSettings(bootstrapServers, registryUrl, applicationId),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
  }

  /**
   * An instance with the given settings.
   *
   * @param name the instance's name: its files under {@code work} are named after it
   * @param work the folder of its configuration, state and log
   * @param opsPort its ops HTTP port ({@code /health}, {@code /metrics})
   * @param settings ledger configuration keys ({@code LedgerConfig}), written to its YAML file as they
   *     are; {@code state.dir} and {@code http.port} are added
   * @param jvmOptions options of its JVM (heap, collector, system properties)
   */
  public LedgerProcess(final String name, final Path work, final int opsPort, final Map<String, String> settings,
                       final List<String> jvmOptions) {
    this.name = name;
    this.opsPort = opsPort;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.config = work.resolve(name + ".yaml");
    this.stateDir = work.resolve(name + "-state");
    this.log = work.resolve(name + ".log");
    final Map<String, String> all = new LinkedHashMap<>(settings);
    all.put(LedgerConfig.STATE_DIR, stateDir.toString());
    all.put(LedgerConfig.HTTP_PORT, Integer.toString(opsPort));
    final StringBuilder yaml = new StringBuilder();
    all.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
    try {
      Files.createDirectories(work);
      Files.writeString(config, yaml.toString());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
  }

  /**
   * The settings of an instance of {@code applicationId} on a one-broker cluster: where the cluster and
   * registry are, replication factor and min ISR 1, and {@code standbyReplicas}. A mutable map, in
   * insertion order, for the caller's own settings.
   */
  public static Map<String, String> oneBrokerSettings(final String bootstrapServers, final String registryUrl,
                                                      final String applicationId, final int standbyReplicas) {
    final Map<String, String> settings = new LinkedHashMap<>();
    settings.put(LedgerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    settings.put(LedgerConfig.REGISTRY_URL, registryUrl);
    settings.put(LedgerConfig.APPLICATION_ID, applicationId);
    settings.put(LedgerConfig.REPLICATION_FACTOR, "1");
    settings.put(LedgerConfig.MIN_INSYNC_REPLICAS, "1");
    settings.put(LedgerConfig.NUM_STANDBY_REPLICAS, Integer.toString(standbyReplicas));
    return settings;
  }

  /**
   * The command of a child JVM running {@code main} on this JVM's class path with {@code jvmOptions}: this JVM's
   * {@code java}, RocksDB's native access allowed, this JVM's temporary folder.
   */
  public static List<String> javaCommand(final List<String> jvmOptions, final Class<?> main,
                                         final List<String> args) {
    final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(jvmOptions);
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(args);
    return command;
  }

  private static Map<String, String> faultSettings(final String bootstrapServers, final String registryUrl,
                                                   final String applicationId) {
    final Map<String, String> settings = oneBrokerSettings(bootstrapServers, registryUrl, applicationId, 0);
    settings.put(LedgerConfig.COMMIT_INTERVAL_MS, "100");
    settings.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "32MiB");
    settings.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "8MiB");
    FAST_FAILOVER.forEach(settings::put);
    return settings;
  }

  /** Its name. */
  public String name() {
    return name;
  }

  /** Its ops HTTP port. */
  public int opsPort() {
    return opsPort;
  }

  /** Its state folder ({@code state.dir}). */
  public Path stateDir() {
    return stateDir;
  }

  /** Its log file, every incarnation's output appended. */
  public Path log() {
    return log;
  }

  /** Starts the child JVM (again, after a kill), appending to its log. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    final List<String> command = javaCommand(jvmOptions, LedgerMain.class, List.of(config.toString()));
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    starts++;
    LOG.info("Started ledger instance {} (pid {}, start #{}, log {})", name, process.pid(), starts, log);
  }

  /** Whether its ops endpoint says Streams is RUNNING; fails if the process exited. */
  public synchronized boolean healthy() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + (process == null ? "-" : process.exitValue())
          + "; see " + log);
    }
    sampleMemory();
    try (HttpClient client = HttpClient.newHttpClient()) {
      final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + opsPort + "/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (final IOException e) {
      // Not listening yet: not healthy, and the caller's deadline decides.
      LOG.debug("{} not answering yet: {}", name, e.toString());
      return false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  public synchronized void kill() {
    sampleMemory();
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " survived SIGKILL for 30 s");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    LOG.info("Killed ledger instance {} with SIGKILL (exit {})", name, process.exitValue());
  }

  /** SIGSTOP: the JVM freezes mid-whatever, heartbeats and transactions included. */
  synchronized void pause() {
    sampleMemory();
    signal("STOP");
  }

  /** SIGCONT: the frozen JVM wakes up, a zombie that must be fenced. */
  synchronized void resume() {
    signal("CONT");
  }

  private void signal(final String signal) {
    final long pid = process.pid();
    try {
      final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal + " " + pid, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    LOG.info("Sent SIG{} to ledger instance {} (pid {})", signal, name, pid);
  }

  private void sampleMemory() {
    if (process != null && process.isAlive()) {
      ProcessMemory.peakRssBytes(process.pid()).ifPresent(b -> peakRssBytes = Math.max(peakRssBytes, b));
    }
  }

  /** The highest VmHWM seen over all of its incarnations, in bytes. */
  public synchronized long peakRssBytes() {
    sampleMemory();
    return peakRssBytes;
  }

  /** How many times it was started. */
  synchronized int starts() {
    return starts;
  }

  /** Stops it gracefully (SIGTERM, SIGCONT in case it is paused), forcibly after 30 s. */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    sampleMemory();
    // Wake it first in case it is paused: a stopped JVM cannot run its shutdown hook.
    signal("CONT");
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("{} did not stop within 30 s of SIGTERM; killing it", name);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }
}
