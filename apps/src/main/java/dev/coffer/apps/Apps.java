package dev.coffer.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every configured app, by app id: the tenancy of a service. Loaded once at start from the apps
 * file and validated as a whole against {@code apps.schema.json} (this module's JSON Schema of the
 * file, which is also its reference; {@code apps.example.yaml} in the gateway is a commented example):
 * a bad file fails with an {@link AppsConfigException} naming every bad key.
 */
public final class Apps {
  private final Map<String, App> byId;

  /** @param apps the apps; their ids must be unique */
  public Apps(final Collection<App> apps) {
    final Map<String, App> map = new LinkedHashMap<>();
    for (final App app : apps) {
      if (map.putIfAbsent(app.appId(), app) != null) {
        throw new IllegalArgumentException("duplicate app id " + app.appId());
      }
    }
    this.byId = Map.copyOf(map);
  }

  /**
   * Loads and validates an apps file. Secrets written {@code env:NAME} are read from the environment;
   * relative certificate paths are resolved against the file's folder.
   *
   * @param file the YAML file
   * @return the apps
   * @throws AppsConfigException naming every bad key
   */
  public static Apps load(final Path file) {
    final String yaml;
    try {
      yaml = Files.readString(file);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read apps file " + file, e);
    }
    final Path base = file.toAbsolutePath().getParent();
    return parse(yaml, base, System::getenv);
  }

  /**
   * Parses and validates apps YAML.
   *
   * @param yaml the text
   * @param baseDir the folder relative certificate paths are resolved against
   * @param env the environment {@code env:NAME} secrets are read from
   * @return the apps
   * @throws AppsConfigException naming every bad key
   */
  public static Apps parse(final String yaml, final Path baseDir, final UnaryOperator<String> env) {
    return new Apps(AppsReader.read(yaml, baseDir, env));
  }

  /** The app with this id. */
  public Optional<App> find(final String appId) {
    return Optional.ofNullable(appId == null ? null : byId.get(appId));
  }

  /** Every app. */
  public Collection<App> all() {
    return byId.values();
  }
}
