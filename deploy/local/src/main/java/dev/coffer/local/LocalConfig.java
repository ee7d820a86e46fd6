package dev.coffer.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The local stack's settings: a properties file ({@code coffer-local.properties} in the current folder,
 * or the one {@code COFFER_CONFIG} names), then environment variables over it, then defaults.
 *
 * <pre>
 * key (file)              environment               default
 * kafka.port              COFFER_KAFKA_PORT         9092
 * kafka.controller.port   COFFER_CONTROLLER_PORT    9093
 * registry.port           COFFER_REGISTRY_PORT      8081
 * data.dir                COFFER_DATA_DIR           .coffer-data
 * </pre>
 *
 * @param kafkaPort the broker's client port
 * @param controllerPort the broker's KRaft controller port
 * @param registryPort the schema registry's HTTP port
 * @param dataDir the folder broker and registry keep their data in
 */
public record LocalConfig(int kafkaPort, int controllerPort, int registryPort, Path dataDir) {
  /** The file read when {@code COFFER_CONFIG} is not set, if it exists. */
  public static final String DEFAULT_FILE = "coffer-local.properties";

  private static final Map<String, String> ENV_BY_KEY = Map.of(
      "kafka.port", "COFFER_KAFKA_PORT",
      "kafka.controller.port", "COFFER_CONTROLLER_PORT",
      "registry.port", "COFFER_REGISTRY_PORT",
      "data.dir", "COFFER_DATA_DIR");
  private static final Map<String, String> DEFAULTS = Map.of(
      "kafka.port", "9092",
      "kafka.controller.port", "9093",
      "registry.port", "8081",
      "data.dir", ".coffer-data");

  /** A configuration value that cannot be used; the message names the key and where it came from. */
  public static final class InvalidException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidException(final String message) {
      super(message);
    }
  }

  /** Loads from {@code COFFER_CONFIG} or {@value #DEFAULT_FILE} (if present) and the process environment. */
  public static LocalConfig load() {
    final Map<String, String> env = System.getenv();
    final String named = env.get("COFFER_CONFIG");
    final Path file = named != null && !named.isBlank() ? Path.of(named) : Path.of(DEFAULT_FILE);
    if (named != null && !named.isBlank() && !Files.isRegularFile(file)) {
      throw new InvalidException("COFFER_CONFIG names " + file.toAbsolutePath() + ", which is not a file");
    }
    return load(Files.isRegularFile(file) ? file : null, env);
  }

  /**
   * Loads from {@code file} (may be {@code null}) and {@code env}.
   *
   * @throws InvalidException naming the first bad or unknown key
   */
  public static LocalConfig load(final Path file, final Map<String, String> env) {
    final Map<String, String> values = new HashMap<>(DEFAULTS);
    final Map<String, String> sources = new LinkedHashMap<>();
    DEFAULTS.keySet().forEach(k -> sources.put(k, "default"));
    if (file != null) {
      final Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
      }
      for (final String key : props.stringPropertyNames()) {
        if (!DEFAULTS.containsKey(key)) {
          throw new InvalidException(file + ": unknown key '" + key + "' (known: "
              + new TreeSet<>(DEFAULTS.keySet()) + ")");
        }
        values.put(key, props.getProperty(key).strip());
        sources.put(key, file.toString());
      }
    }
    ENV_BY_KEY.forEach((key, variable) -> {
      final String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        values.put(key, value.strip());
        sources.put(key, "environment variable " + variable);
      }
    });
    final int kafka = port(values, sources, "kafka.port");
    final int controller = port(values, sources, "kafka.controller.port");
    final int registry = port(values, sources, "registry.port");
    if (kafka == controller || kafka == registry || controller == registry) {
      throw new InvalidException(String.format(Locale.ROOT,
          "kafka.port (%d), kafka.controller.port (%d) and registry.port (%d) must differ",
          kafka, controller, registry));
    }
    final String dir = values.get("data.dir");
    if (dir.isEmpty()) {
      throw new InvalidException("data.dir (" + sources.get("data.dir") + ") is empty");
    }
    return new LocalConfig(kafka, controller, registry, Path.of(dir).toAbsolutePath().normalize());
  }

  private static int port(final Map<String, String> values, final Map<String, String> sources, final String key) {
    final String text = values.get(key);
    try {
      final int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (final NumberFormatException e) {
      throw new InvalidException(key + " (" + sources.get(key) + "): expected a port 1..65535, got '"
          + text + "'");
    }
    throw new InvalidException(key + " (" + sources.get(key) + "): expected a port 1..65535, got " + text);
  }
}
