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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ledger instance in a child JVM running {@link LedgerMain} with a YAML file, as deployed: it can be
 * killed with SIGKILL (no close, no commit: the broker aborts its open transaction), paused with
 * SIGSTOP and resumed with SIGCONT, and restarted on the same state folder. Tracks its peak RSS.
 */
final class LedgerProcess implements AutoCloseable {
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
  private Process process;
  private long peakRssBytes;
  private int starts;

  LedgerProcess(final String name, final String bootstrapServers, final String registryUrl,
                final String applicationId, final Path work, final int opsPort) {
    this.name = name;
    this.opsPort = opsPort;
    this.config = work.resolve(name + ".yaml");
    this.stateDir = work.resolve(name + "-state");
    this.log = work.resolve(name + ".log");
    final StringBuilder yaml = new StringBuilder()
        .append("bootstrap.servers: ").append(bootstrapServers).append('\n')
        .append("registry.url: ").append(registryUrl).append('\n')
        .append("application.id: ").append(applicationId).append('\n')
        .append("state.dir: ").append(stateDir).append('\n')
        .append("replication.factor: 1\nmin.insync.replicas: 1\nnum.standby.replicas: 0\n")
        .append("commit.interval.ms: 100\nhttp.port: ").append(opsPort).append('\n')
        .append("rocksdb:\n  block.cache.bytes: 32MiB\n  write.buffer.bytes: 8MiB\n");
    FAST_FAILOVER.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
    try {
      Files.createDirectories(work);
      Files.writeString(config, yaml.toString());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
  }

  String name() {
    return name;
  }

  /** Starts the child JVM (again, after a kill), appending to its log. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    final String java = ProcessHandle.current().info().command().orElse("java");
    final List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"), LedgerMain.class.getName(), config.toString());
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
  synchronized boolean healthy() {
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
  synchronized void kill() {
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
  synchronized long peakRssBytes() {
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
