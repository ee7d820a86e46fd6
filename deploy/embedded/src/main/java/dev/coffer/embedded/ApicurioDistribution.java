package dev.coffer.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry server distribution ({@code io.apicurio:apicurio-registry-app:tar.gz:all}):
 * where its archive is, and its unpacked copy in a per-user cache.
 *
 * <p>The archive is looked up in order: the system property {@value #ARCHIVE_PROPERTY}, the environment
 * variable {@value #ARCHIVE_ENV}, the path this module's build recorded, and the standard local Maven
 * repository path. It is unpacked once into {@code ${user.home}/.cache/coffer/apicurio-registry-app-VERSION}
 * (or under {@value #CACHE_PROPERTY} / {@value #CACHE_ENV}), atomically, so concurrent JVMs never see a
 * half-unpacked copy.
 */
public final class ApicurioDistribution {
  /** System property naming the archive. */
  public static final String ARCHIVE_PROPERTY = "coffer.apicurio.archive";
  /** Environment variable naming the archive. */
  public static final String ARCHIVE_ENV = "COFFER_APICURIO_ARCHIVE";
  /** System property naming the cache folder the archive is unpacked into. */
  public static final String CACHE_PROPERTY = "coffer.cache.dir";
  /** Environment variable naming the cache folder the archive is unpacked into. */
  public static final String CACHE_ENV = "COFFER_CACHE_DIR";

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);
  private static final String RUN_JAR = "quarkus-run.jar";

  private final String version;
  private final Path archive;

  private ApicurioDistribution(final String version, final Path archive) {
    this.version = version;
    this.archive = archive;
  }

  /** Finds the archive (see the class comment), or fails naming every place looked at. */
  public static ApicurioDistribution locate() {
    final Properties built = builtProperties();
    final String version = builtVersion();
    final List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty(ARCHIVE_PROPERTY)).ifPresent(candidates::add);
    Optional.ofNullable(System.getenv(ARCHIVE_ENV)).ifPresent(candidates::add);
    Optional.ofNullable(built.getProperty("archive")).ifPresent(candidates::add);
    final String repo = System.getProperty("maven.repo.local",
        System.getProperty("user.home") + "/.m2/repository");
    candidates.add(repo + "/io/apicurio/apicurio-registry-app/" + version
        + "/apicurio-registry-app-" + version + "-all.tar.gz");
    for (final String candidate : candidates) {
      // An unfiltered placeholder means the build did not resolve the archive; skip it.
      if (!candidate.isBlank() && !candidate.contains("${")) {
        final Path path = Path.of(candidate);
        if (Files.isRegularFile(path)) {
          return new ApicurioDistribution(version, path);
        }
      }
    }
    throw new IllegalStateException("the Apicurio Registry " + version + " archive"
        + " (io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all) was not found; looked at "
        + candidates + ". Build deploy/embedded with Maven once, or set " + ARCHIVE_ENV + " (or -D"
        + ARCHIVE_PROPERTY + ") to the archive's path");
  }

  /** The Apicurio version this module was built against (its container image is tagged with it). */
  public static String builtVersion() {
    return builtProperties().getProperty("version", "3.3.3");
  }

  private static Properties builtProperties() {
    final Properties props = new Properties();
    try (InputStream in = ApicurioDistribution.class.getResourceAsStream("apicurio.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read dev/coffer/embedded/apicurio.properties", e);
    }
    return props;
  }

  /** The Apicurio version. */
  public String version() {
    return version;
  }

  /** The archive's path. */
  public Path archive() {
    return archive;
  }

  /**
   * The server's {@code quarkus-run.jar}, unpacking the archive into the cache first if no complete
   * copy is there yet.
   */
  public Path runJar() {
    final Path cache = cacheRoot();
    final Path target = cache.resolve("apicurio-registry-app-" + version);
    final Path runJar = target.resolve(RUN_JAR);
    if (Files.isRegularFile(runJar)) {
      return runJar;
    }
    final long started = System.nanoTime();
    try {
      Files.createDirectories(cache);
      final Path staging = Files.createTempDirectory(cache, "apicurio-unpacking-");
      try {
        unpack(archive, staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Unpacked {} into {} in {} ms", archive.getFileName(), target,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      } catch (final IOException e) {
        // Another JVM may have finished first (the rename target exists): then use its copy.
        if (!Files.isRegularFile(runJar)) {
          throw e;
        }
        LOG.debug("Another process unpacked Apicurio into {} first", target, e);
      } finally {
        deleteRecursively(staging);
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive + " into " + target, e);
    }
    if (!Files.isRegularFile(runJar)) {
      throw new IllegalStateException(archive + " has no " + RUN_JAR + ": is it the :tar.gz:all distribution?");
    }
    return runJar;
  }

  private static Path cacheRoot() {
    final String configured = Optional.ofNullable(System.getProperty(CACHE_PROPERTY))
        .orElseGet(() -> System.getenv(CACHE_ENV));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "coffer");
  }

  private static void unpack(final Path archive, final Path into) throws IOException {
    final Path root = into.toAbsolutePath().normalize();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        final Path out = root.resolve(entry.getName()).normalize();
        if (!out.startsWith(root)) {
          throw new IOException("archive entry " + entry.getName() + " points outside the target folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isFile()) {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out);
        } else {
          throw new IOException("unexpected archive entry (link or device): " + entry.getName());
        }
      }
    }
  }

  private static void deleteRecursively(final Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
