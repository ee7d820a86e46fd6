package dev.coffer.local;

import java.io.IOException;
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
 */
public record LocalContext(String bootstrapServers, String registryUrl, Path dataDir) {
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
}
