package dev.coffer.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link LocalService} gets from the local stack.
 *
 * @param bootstrapServers the broker's {@code bootstrap.servers}
 * @param registryUrl the registry's Confluent-compatible URL (Coffer's {@code coffer.registry.url})
 * @param dataDir the stack's data folder
 * @param urls the base URL of each service started so far, by name ({@link #publish})
 * @param configuredAppsFile the apps file {@code --apps} named, or {@code null} for the bundled demo app
 */
public record LocalContext(String bootstrapServers, String registryUrl, Path dataDir, Map<String, String> urls,
                           Path configuredAppsFile) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public LocalContext {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(urls, "urls");
  }

  /**
   * A context no service has published a URL in yet.
   *
   * @param appsFile the apps file {@code --apps} named, or {@code null} for the bundled demo app
   */
  public LocalContext(final String bootstrapServers, final String registryUrl, final Path dataDir,
                      final Path appsFile) {
    this(bootstrapServers, registryUrl, dataDir, new ConcurrentHashMap<>(), appsFile);
  }

  /** Tells the services started after this one where it listens (the gateway asks projections). */
  public void publish(final String serviceName, final String baseUrl) {
    urls.put(serviceName, baseUrl);
  }

  /** The base URL a service started earlier published, if it did. */
  public Optional<String> url(final String serviceName) {
    return Optional.ofNullable(urls.get(serviceName));
  }

  /**
   * The internal token the gateway presents to projections ({@code internal.token}): random, made on
   * first use and kept in the data folder ({@code internal.token}, readable by its owner only), so a
   * restarted stack keeps it.
   */
  public String internalToken() {
    final Path file = dataDir.resolve("internal.token");
    try {
      if (Files.notExists(file)) {
        final byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Files.writeString(file, HexFormat.of().formatHex(bytes));
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (final UnsupportedOperationException e) {
          // Not a POSIX file system (Windows): the folder's own permissions apply.
        }
      }
      return Files.readString(file).trim();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /** The service's own folder under the data folder ({@code services/NAME}), created if missing. */
  public Path serviceDir(final String serviceName) {
    final Path dir = dataDir.resolve("services").resolve(serviceName);
    try {
      return Files.createDirectories(dir);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /**
   * The apps file every service of the stack reads: the one {@code --apps} named, else {@code apps.yaml} in
   * the data folder, written from the bundled demo app on first use. One file, so the gateway and projections
   * share keys and the pseudonym key: a player written through one has the same ref when read through the other.
   */
  public Path appsFile() {
    if (configuredAppsFile != null) {
      return configuredAppsFile;
    }
    final Path file = dataDir.resolve("apps.yaml");
    if (Files.notExists(file)) {
      try (InputStream demo = LocalContext.class.getResourceAsStream("apps.local.yaml")) {
        if (demo == null) {
          throw new IllegalStateException("apps.local.yaml is missing from the coffer-local jar");
        }
        Files.copy(demo, file);
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
    return file;
  }
}
