package dev.coffer.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's typed configuration: a YAML file (nested maps flatten to dotted keys) overridden by
 * environment variables {@code COFFER_GATEWAY_<KEY>} (upper case, dots as underscores, e.g.
 * {@code COFFER_GATEWAY_HTTP_PORT}). Every key is validated; a bad one fails start with a
 * {@link GatewayConfigException} naming it. Keys under {@code kafka.} pass to every Kafka client
 * (file only).
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}: the brokers
 * @param registryUrl {@value #REGISTRY_URL}: the schema registry's Confluent-compatible URL
 * @param appsFile {@value #APPS_FILE}: the apps YAML file
 * @param httpHost {@value #HTTP_HOST}: bind address (default 127.0.0.1)
 * @param httpPort {@value #HTTP_PORT}: port, 0 for any (default 8081)
 * @param outcomeWait {@value #OUTCOME_WAIT}: how long a write waits for its outcome before 202 (default 5s)
 * @param produceTimeout {@value #PRODUCE_TIMEOUT}: how long a produce may take before 503 (default 10s)
 * @param maxBodyBytes {@value #MAX_BODY_BYTES}: largest request body (default 64KiB)
 * @param maxBulkBodyBytes {@value #MAX_BULK_BODY_BYTES}: largest migrate and catalog import body (default 4MiB)
 * @param appRate {@value #RATE_APP_PER_SECOND} and {@value #RATE_APP_BURST}: per-app token bucket
 * @param playerRate {@value #RATE_PLAYER_PER_SECOND} and {@value #RATE_PLAYER_BURST}: per-player token bucket
 * @param catalogLoadTimeout {@value #CATALOG_LOAD_TIMEOUT}: bound of reading the catalog at start (default 60s)
 * @param shutdownTimeout {@value #SHUTDOWN_TIMEOUT}: bound of a graceful stop (default 10s)
 * @param kafka extra Kafka client settings ({@code kafka.*} without the prefix)
 */
public record GatewayConfig(String bootstrapServers, String registryUrl, Path appsFile, String httpHost,
                            int httpPort, Duration outcomeWait, Duration produceTimeout, long maxBodyBytes,
                            long maxBulkBodyBytes, Rate appRate, Rate playerRate, Duration catalogLoadTimeout,
                            Duration shutdownTimeout, Map<String, String> kafka) {
  public static final String ENV_PREFIX = "COFFER_GATEWAY_";
  /** Environment variable naming the config file. */
  public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REGISTRY_URL = "registry.url";
  public static final String APPS_FILE = "apps.file";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String OUTCOME_WAIT = "outcome.wait";
  public static final String PRODUCE_TIMEOUT = "produce.timeout";
  public static final String MAX_BODY_BYTES = "max.body.bytes";
  public static final String MAX_BULK_BODY_BYTES = "max.bulk.body.bytes";
  public static final String RATE_APP_PER_SECOND = "rate.app.per.second";
  public static final String RATE_APP_BURST = "rate.app.burst";
  public static final String RATE_PLAYER_PER_SECOND = "rate.player.per.second";
  public static final String RATE_PLAYER_BURST = "rate.player.burst";
  public static final String CATALOG_LOAD_TIMEOUT = "catalog.load.timeout";
  public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";
  public static final String KAFKA_PREFIX = "kafka.";

  private static final List<String> KEYS = List.of(BOOTSTRAP_SERVERS, REGISTRY_URL, APPS_FILE, HTTP_HOST, HTTP_PORT,
      OUTCOME_WAIT, PRODUCE_TIMEOUT, MAX_BODY_BYTES, MAX_BULK_BODY_BYTES, RATE_APP_PER_SECOND, RATE_APP_BURST,
      RATE_PLAYER_PER_SECOND, RATE_PLAYER_BURST, CATALOG_LOAD_TIMEOUT, SHUTDOWN_TIMEOUT);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib)", Pattern.CASE_INSENSITIVE);

  /**
   * A token bucket's settings.
   *
   * @param perSecond tokens added per second
   * @param burst the bucket's size
   */
  public record Rate(double perSecond, long burst) {
  }

  public GatewayConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(appsFile, "appsFile");
    kafka = Map.copyOf(kafka);
  }

  /** The environment variable of a key: {@code http.port} is {@code COFFER_GATEWAY_HTTP_PORT}. */
  public static String envName(final String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * Loads the file (if any) and applies environment overrides.
   *
   * @param file the YAML file; nullable
   * @param env the environment
   * @return the validated config
   */
  public static GatewayConfig load(final Path file, final Map<String, String> env) {
    final Map<String, String> values = new HashMap<>();
    if (file != null) {
      try {
        flatten("", new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)), values);
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot read gateway config " + file, e);
      }
    }
    return fromMap(values, env);
  }

  /**
   * Builds a config from flat keys overridden by {@code COFFER_GATEWAY_*} environment variables (an
   * embedding such as the local stack gives its defaults here).
   *
   * @param values key to value
   * @param env the environment
   * @return the config
   * @throws GatewayConfigException naming the first bad key
   */
  public static GatewayConfig fromMap(final Map<String, String> values, final Map<String, String> env) {
    final Map<String, String> merged = new HashMap<>(values);
    for (final String key : KEYS) {
      final String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        merged.put(key, fromEnv);
      }
    }
    return fromMap(merged);
  }

  private static void flatten(final String prefix, final JsonNode node, final Map<String, String> into) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isObject()) {
      for (final Map.Entry<String, JsonNode> e : node.properties()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
      }
    } else {
      into.put(prefix, node.asText());
    }
  }

  /**
   * Builds and validates a config from flat keys.
   *
   * @param values key to value
   * @return the config
   * @throws GatewayConfigException naming the first bad key
   */
  public static GatewayConfig fromMap(final Map<String, String> values) {
    final Set<String> known = Set.copyOf(KEYS);
    final Map<String, String> kafka = new LinkedHashMap<>();
    for (final Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(KAFKA_PREFIX)) {
        kafka.put(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
      } else if (!known.contains(e.getKey())) {
        throw new GatewayConfigException(e.getKey(), "unknown key; known keys are " + String.join(", ", KEYS)
            + " and kafka.*");
      }
    }
    final int port = integer(values, HTTP_PORT, 8081, 0, 65535);
    final Rate appRate = new Rate(rate(values, RATE_APP_PER_SECOND, 500),
        integer(values, RATE_APP_BURST, 1000, 1, 10_000_000));
    final Rate playerRate = new Rate(rate(values, RATE_PLAYER_PER_SECOND, 20),
        integer(values, RATE_PLAYER_BURST, 40, 1, 10_000_000));
    return new GatewayConfig(required(values, BOOTSTRAP_SERVERS), url(values), Path.of(required(values, APPS_FILE)),
        text(values, HTTP_HOST, "127.0.0.1"), port,
        duration(values, OUTCOME_WAIT, Duration.ofSeconds(5)), duration(values, PRODUCE_TIMEOUT, Duration.ofSeconds(10)),
        size(values, MAX_BODY_BYTES, 64 * 1024), size(values, MAX_BULK_BODY_BYTES, 4 * 1024 * 1024),
        appRate, playerRate, duration(values, CATALOG_LOAD_TIMEOUT, Duration.ofSeconds(60)),
        duration(values, SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)), kafka);
  }

  private static String url(final Map<String, String> values) {
    final String url = required(values, REGISTRY_URL);
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new GatewayConfigException(REGISTRY_URL, "must be an http(s) URL, was " + url);
    }
    return url;
  }

  private static String required(final Map<String, String> values, final String key) {
    final String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new GatewayConfigException(key, "is required");
    }
    return value.trim();
  }

  private static String text(final Map<String, String> values, final String key, final String fallback) {
    final String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.isBlank()) {
      throw new GatewayConfigException(key, "must not be empty");
    }
    return value.trim();
  }

  private static int integer(final Map<String, String> values, final String key, final int fallback,
                             final int min, final int max) {
    final String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      final int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new GatewayConfigException(key, "must be between " + min + " and " + max + ", was " + parsed);
      }
      return parsed;
    } catch (final NumberFormatException e) {
      throw new GatewayConfigException(key, "must be a whole number, was " + value);
    }
  }

  private static double rate(final Map<String, String> values, final String key, final double fallback) {
    final String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      final double parsed = Double.parseDouble(value.trim());
      if (!(parsed >= 0.001 && parsed <= 1_000_000)) {
        throw new GatewayConfigException(key, "must be between 0.001 and 1000000, was " + value);
      }
      return parsed;
    } catch (final NumberFormatException e) {
      throw new GatewayConfigException(key, "must be a number of requests per second, was " + value);
    }
  }

  private static Duration duration(final Map<String, String> values, final String key, final Duration fallback) {
    final String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    final Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new GatewayConfigException(key, "must be a duration like 500ms, 5s, 2m or 1h, was " + value);
    }
    final long n = Long.parseLong(m.group(1));
    final Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
    if (d.isZero()) {
      throw new GatewayConfigException(key, "must be positive");
    }
    return d;
  }

  private static long size(final Map<String, String> values, final String key, final long fallback) {
    final String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    final Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new GatewayConfigException(key, "must be a size like 65536, 64KiB or 4MiB, was " + value);
    }
    final long n = Long.parseLong(m.group(1));
    final long bytes = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "kib" -> n * 1024;
      case "mib" -> n * 1024 * 1024;
      default -> n;
    };
    if (bytes < 1024 || bytes > 64L * 1024 * 1024) {
      throw new GatewayConfigException(key, "must be between 1KiB and 64MiB");
    }
    return bytes;
  }
}
