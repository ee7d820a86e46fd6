package dev.coffer.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link LocalService} gets from the local stack.
 *
 * @param bootstrapServers the broker's {@code bootstrap.servers}
 * @param registryUrl the registry's Confluent-compatible URL (Coffer's {@code coffer.registry.url})
 * @param dataDir the stack's data folder
 * @param configuredAppsFile the apps file {@code --apps} named, or {@code null} for the bundled demo app
 */
public record LocalContext(String bootstrapServers, String registryUrl, Path dataDir, Path configuredAppsFile) {
  public LocalContext {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(dataDir, "dataDir");
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
