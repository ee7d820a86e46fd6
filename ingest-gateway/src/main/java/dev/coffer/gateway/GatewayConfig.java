package dev.coffer.gateway;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import dev.coffer.service.auth.InternalToken;
import dev.coffer.service.config.ServiceSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's typed configuration: a YAML file (nested maps flatten to dotted keys) overridden by
 * environment variables {@code COFFER_GATEWAY_<KEY>} (upper case, dots as underscores, e.g.
 * {@code COFFER_GATEWAY_HTTP_PORT}). Every key is validated; bad ones fail start with one
 * {@link GatewayConfigException} naming each key and where its value came from. Unknown keys and unknown
 * {@code COFFER_GATEWAY_*} variables are errors. Keys under {@code kafka.} pass to every Kafka client
 * (from the file, or as {@code COFFER_GATEWAY_KAFKA_*}). The keys the gateway shares with projections
 * (Kafka, registry, apps file, HTTP, directory, shutdown, schema registration) are the service kit's
 * {@link ServiceSettings}.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}: the brokers
 * @param registryUrl {@value #REGISTRY_URL}: the schema registry's Confluent-compatible URL
 * @param appsFile {@value #APPS_FILE}: the apps YAML file
 * @param httpHost {@value #HTTP_HOST}: bind address (default 127.0.0.1)
 * @param httpPort {@value #HTTP_PORT}: port, 0 for any (default 8080)
 * @param opsPort {@value #OPS_PORT}: a port of its own for {@code /metrics} (with {@code /live},
 *     {@code /ready}, {@code /health}), off the public API port, on {@code http.host}; 0 for any;
 *     {@code null} (default, unset): {@code /metrics} is served on {@code http.port}
 * @param outcomeWait {@value #OUTCOME_WAIT}: how long a write waits for its outcome before 202 (default 5s)
 * @param produceTimeout {@value #PRODUCE_TIMEOUT}: how long a produce may take before 503 (default 10s)
 * @param maxBodyBytes {@value #MAX_BODY_BYTES}: largest request body (default 64KiB)
 * @param maxBulkBodyBytes {@value #MAX_BULK_BODY_BYTES}: largest migrate and catalog import body (default 4MiB)
 * @param appRate {@value #RATE_APP_PER_SECOND} and {@value #RATE_APP_BURST}: per-app token bucket
 * @param playerRate {@value #RATE_PLAYER_PER_SECOND} and {@value #RATE_PLAYER_BURST}: per-player token bucket
 * @param catalogLoadTimeout {@value #CATALOG_LOAD_TIMEOUT}: bound of reading the catalog at start (default 60s)
 * @param shutdownTimeout {@value #SHUTDOWN_TIMEOUT}: bound of a graceful stop (default 10s)
 * @param directoryTimeout {@value #DIRECTORY_TIMEOUT}: how long a request waits for the player directory
 *     (a new player's first request) before 503 {@code DIRECTORY_UNAVAILABLE} (default 10s)
 * @param directoryCacheSize {@value #DIRECTORY_CACHE_SIZE}: players whose ref and data key are kept in
 *     memory (default 100000, about 250 bytes each)
 * @param projections {@value #PROJECTIONS_URL}, {@value #PROJECTIONS_TOKEN} and {@value #PROJECTIONS_TIMEOUT}:
 *     where the gateway asks projections which player a store purchase belongs to, and the outcome of an event
 *     ({@code GET /v1/apps/{appId}/events/{eventId}}, the {@code Location} of its 202s); {@code null} when
 *     {@code projections.url} is not set (store notifications about recorded purchases, and that endpoint,
 *     then answer 503)
 * @param schemasAutoRegister {@value #SCHEMAS_AUTO_REGISTER}: whether the gateway registers its writer
 *     schemas at run time (default false: the installer registers them, and start refuses a build whose
 *     schemas it did not)
 * @param kafka extra Kafka client settings ({@code kafka.*} without the prefix)
 */
public record GatewayConfig(String bootstrapServers, String registryUrl, Path appsFile, String httpHost,
                            int httpPort, Integer opsPort, Duration outcomeWait, Duration produceTimeout,
                            long maxBodyBytes,
                            long maxBulkBodyBytes, Rate appRate, Rate playerRate, Duration catalogLoadTimeout,
                            Duration shutdownTimeout, Duration directoryTimeout, int directoryCacheSize,
                            Projections projections, boolean schemasAutoRegister, Map<String, String> kafka) {
  public static final String ENV_PREFIX = "COFFER_GATEWAY_";
  /** Environment variable naming the config file. */
  public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";
  public static final String BOOTSTRAP_SERVERS = ServiceSettings.BOOTSTRAP_SERVERS;
  public static final String REGISTRY_URL = ServiceSettings.REGISTRY_URL;
  public static final String APPS_FILE = ServiceSettings.APPS_FILE;
  public static final String HTTP_HOST = ServiceSettings.HTTP_HOST;
  public static final String HTTP_PORT = ServiceSettings.HTTP_PORT;
  public static final String OPS_PORT = ServiceSettings.OPS_PORT;
  public static final String OUTCOME_WAIT = "outcome.wait";
  public static final String PRODUCE_TIMEOUT = "produce.timeout";
  public static final String MAX_BODY_BYTES = "max.body.bytes";
  public static final String MAX_BULK_BODY_BYTES = "max.bulk.body.bytes";
  public static final String RATE_APP_PER_SECOND = "rate.app.per.second";
  public static final String RATE_APP_BURST = "rate.app.burst";
  public static final String RATE_PLAYER_PER_SECOND = "rate.player.per.second";
  public static final String RATE_PLAYER_BURST = "rate.player.burst";
  public static final String CATALOG_LOAD_TIMEOUT = "catalog.load.timeout";
  public static final String SHUTDOWN_TIMEOUT = ServiceSettings.SHUTDOWN_TIMEOUT;
  public static final String DIRECTORY_TIMEOUT = ServiceSettings.DIRECTORY_TIMEOUT;
  public static final String DIRECTORY_CACHE_SIZE = ServiceSettings.DIRECTORY_CACHE_SIZE;
  public static final String PROJECTIONS_URL = "projections.url";
  public static final String PROJECTIONS_TOKEN = "projections.token";
  public static final String PROJECTIONS_TIMEOUT = "projections.timeout";
  public static final String SCHEMAS_AUTO_REGISTER = ServiceSettings.SCHEMAS_AUTO_REGISTER;
  public static final String KAFKA_PREFIX = "kafka.";

  /** The keys, their defaults ({@code null}: required), how the environment overrides them. */
  private static final ConfigSpec SPEC = ConfigSpec.builder("gateway")
      .with(ServiceSettings::declareKafka)
      .with(b -> ServiceSettings.declareHttp(b, 8080))
      .key(OUTCOME_WAIT, "5s")
      .key(PRODUCE_TIMEOUT, "10s")
      .key(MAX_BODY_BYTES, "64KiB")
      .key(MAX_BULK_BODY_BYTES, "4MiB")
      .key(RATE_APP_PER_SECOND, "500")
      .key(RATE_APP_BURST, "1000")
      .key(RATE_PLAYER_PER_SECOND, "20")
      .key(RATE_PLAYER_BURST, "40")
      .key(CATALOG_LOAD_TIMEOUT, "60s")
      .with(b -> ServiceSettings.declareShutdown(b, "10s"))
      .with(b -> ServiceSettings.declareDirectory(b, "10s"))
      // Empty: no projections to ask (store notifications about recorded purchases answer 503).
      .key(PROJECTIONS_URL, "")
      .key(PROJECTIONS_TOKEN, "")
      .key(PROJECTIONS_TIMEOUT, "5s")
      .with(ServiceSettings::declareSchemasAutoRegister)
      .envPrefix(ENV_PREFIX)
      .passthrough(KAFKA_PREFIX)
      .exceptions(GatewayConfigException::new)
      .build();

  /**
   * A token bucket's settings.
   *
   * @param perSecond tokens added per second
   * @param burst the bucket's size
   */
  public record Rate(double perSecond, long burst) {
  }

  /**
   * How the gateway reaches projections.
   *
   * @param url the base URL of any projections instance (or a load balancer in front of them): each
   *     forwards a lookup to the instance that owns it
   * @param token the internal token projections' {@code internal.token} is set to
   * @param timeout the longest one lookup may take
   */
  public record Projections(URI url, InternalToken token, Duration timeout) {
    public Projections {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  public GatewayConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(appsFile, "appsFile");
    kafka = Map.copyOf(kafka);
  }

  /** The environment variable of a key: {@code http.port} is {@code COFFER_GATEWAY_HTTP_PORT}. */
  public static String envName(final String key) {
    return SPEC.envName(key);
  }

  /**
   * Loads the file (if any) and applies environment overrides.
   *
   * @param file the YAML ({@code .yaml}, {@code .yml}) or properties file; nullable
   * @param env the environment
   * @return the validated config
   * @throws GatewayConfigException naming every bad key
   */
  public static GatewayConfig load(final Path file, final Map<String, String> env) {
    return validate(SPEC.load(file, env));
  }

  /**
   * Builds a config from flat keys overridden by {@code COFFER_GATEWAY_*} environment variables (an
   * embedding such as the local stack gives its defaults here).
   *
   * @param values key to value
   * @param env the environment
   * @return the config
   * @throws GatewayConfigException naming every bad key
   */
  public static GatewayConfig fromMap(final Map<String, String> values, final Map<String, String> env) {
    return validate(SPEC.fromMap(values, "settings", env));
  }

  /**
   * Builds and validates a config from flat keys.
   *
   * @param values key to value
   * @return the config
   * @throws GatewayConfigException naming every bad key
   */
  public static GatewayConfig fromMap(final Map<String, String> values) {
    return validate(SPEC.fromMap(values, null, null));
  }

  private static GatewayConfig validate(final ConfigValues v) {
    // Nothing the gateway sets is guarded: its clients take every kafka.* setting.
    final Map<String, String> kafka = v.passthrough(kafkaKey -> null);
    // apps.file: any path here (Apps.load reports a missing file at start).
    final ServiceSettings s = ServiceSettings.read(v, false);
    final Duration outcomeWait = v.duration(OUTCOME_WAIT);
    final Duration produceTimeout = v.duration(PRODUCE_TIMEOUT);
    final long maxBody = v.bytes(MAX_BODY_BYTES, 1L << 10, 64L << 20);
    final long maxBulkBody = v.bytes(MAX_BULK_BODY_BYTES, 1L << 10, 64L << 20);
    final Rate appRate = new Rate(v.decimalIn(RATE_APP_PER_SECOND, 0.001, 1_000_000),
        v.intIn(RATE_APP_BURST, 1, 10_000_000));
    final Rate playerRate = new Rate(v.decimalIn(RATE_PLAYER_PER_SECOND, 0.001, 1_000_000),
        v.intIn(RATE_PLAYER_BURST, 1, 10_000_000));
    final Duration catalogLoadTimeout = v.duration(CATALOG_LOAD_TIMEOUT);
    final Projections projections = projections(v);
    v.throwIfInvalid();
    return new GatewayConfig(s.bootstrapServers(), s.registryUrl().toString(), s.appsFile(), s.httpHost(),
        s.httpPort(), s.opsPort(), outcomeWait, produceTimeout, maxBody, maxBulkBody, appRate, playerRate,
        catalogLoadTimeout, s.shutdownTimeout(), s.directoryTimeout(), s.directoryCacheSize(), projections,
        s.schemasAutoRegister(), kafka);
  }

  private static Projections projections(final ConfigValues v) {
    final Duration timeout = v.duration(PROJECTIONS_TIMEOUT);
    if (v.text(PROJECTIONS_URL).isEmpty()) {
      if (!v.text(PROJECTIONS_TOKEN).isEmpty()) {
        v.problem(PROJECTIONS_TOKEN, "is set but " + PROJECTIONS_URL + " is not");
      }
      return null;
    }
    final URI url = v.httpUrl(PROJECTIONS_URL);
    final InternalToken token = ServiceSettings.internalToken(v, PROJECTIONS_TOKEN);
    if (token == null && v.ok(PROJECTIONS_TOKEN)) {
      v.problem(PROJECTIONS_TOKEN, "is required with " + PROJECTIONS_URL
          + " (the internal.token projections is configured with)");
    }
    return url == null || token == null || timeout == null ? null : new Projections(url, token, timeout);
  }
}
