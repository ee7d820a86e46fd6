package dev.coffer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of an {@link EmbeddedRegistry} before it runs: its ports, folders and command line.
 * {@link #prepare} makes the folders and stops a registry that a killed JVM left on the same storage;
 * {@link #start()} starts the process.
 *
 * @param runJar Apicurio's {@code quarkus-run.jar}
 * @param command the child's command line
 * @param port the HTTP port on 127.0.0.1
 * @param managementPort the health-check port on 127.0.0.1
 * @param storageDir the H2 database's folder, or {@code null} for in-memory storage
 * @param logFile where the child's output goes
 * @param pidFile where the child's process id is kept, or {@code null} with in-memory storage
 */
record RegistryLaunch(Path runJar, List<String> command, int port, int managementPort, Path storageDir,
                      Path logFile, Path pidFile) {
  // The registry's log category, wherever in this package the registry's work is done.
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
  private static final String PID_FILE = "registry.pid";

  /** Picks ports, makes folders and writes the command line for {@code options}. */
  static RegistryLaunch prepare(final EmbeddedRegistry.Builder options) {
    if (Runtime.version().feature() < 21) {
      throw new IllegalStateException("Apicurio Registry needs Java 21 or newer; this JVM is "
          + Runtime.version() + " (" + System.getProperty("java.home") + "). Set JAVA_HOME to a JDK 21+");
    }
    final Path runJar = ApicurioDistribution.locate().runJar();
    final int port = options.port() == 0 ? FreePorts.one() : options.port();
    // The management interface (health checks) is always on; keep it on loopback and off port 9000, and off the
    // API's port: two ports asked one after the other can be the same one (the first was closed before the
    // second was asked), and both servers then bind it, sharing its connections; the management one answers 404
    // to API paths (seen in CI: "no schema with id 2" right after id 2 was registered).
    final int managementPort = FreePorts.otherThan(List.of(port));
    final Path storageDir = options.storageDir() == null ? null : options.storageDir().toAbsolutePath();
    final Path logFile;
    final Path pidFile;
    final List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx" + options.maxHeap());
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
        logFile = options.logFile() != null ? options.logFile() : storageDir.resolve("registry.log");
      } else {
        pidFile = null;
        logFile = options.logFile() != null ? options.logFile()
            : Files.createTempFile("coffer-registry-" + port + "-", ".log");
      }
      Files.createDirectories(logFile.toAbsolutePath().getParent());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot prepare the registry's folders", e);
    }
    command.add("-jar");
    command.add(runJar.toString());
    return new RegistryLaunch(runJar, List.copyOf(command), port, managementPort, storageDir, logFile, pidFile);
  }

  /** Starts the child JVM, its output into {@link #logFile()}. */
  Process start() {
    try {
      return new ProcessBuilder(command).directory(runJar.getParent().toFile())
          .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start the registry: " + String.join(" ", command), e);
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
      orphan.get().onExit().orTimeout(EmbeddedRegistry.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }
    Files.delete(pidFile);
  }

  private static String javaExecutable() {
    final Path java = Path.of(System.getProperty("java.home"), "bin",
        System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    return java.toString();
  }
}
