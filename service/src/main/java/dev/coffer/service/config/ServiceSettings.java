package dev.coffer.service.config;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import dev.coffer.service.auth.InternalToken;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings the gateway and projections both declare, typed once: where Kafka, the schema registry and
 * the apps file are, the HTTP server and its ops port, the player directory client, the graceful-stop bound
 * and whether schemas are registered at run time. A service adds the keys to its {@link ConfigSpec} with its
 * own defaults and reads them ({@link #read}); it declares every group below, each where it belongs in its
 * key order (the order messages list the known keys in):
 * <ul>
 *   <li>{@link #declareKafka}: {@code bootstrap.servers}, {@code registry.url}, {@code apps.file} (required);
 *   <li>{@link #declareHttp}: {@code http.host}, {@code http.port}, {@code ops.port};
 *   <li>{@link #declareDirectory}: {@code directory.timeout}, {@code directory.cache.size};
 *   <li>{@link #declareShutdown}: {@code shutdown.timeout};
 *   <li>{@link #declareSchemasAutoRegister}: {@code schemas.auto-register}.
 * </ul>
 *
 * <p>{@link #read} records bad values on the {@link ConfigValues} and returns placeholders (a bad address,
 * URL or path is {@code null}): the settings are meaningful once {@link ConfigValues#throwIfInvalid()} passed.
 *
 * @param bootstrapServers Kafka's brokers, {@code host:port} separated by commas ({@value #BOOTSTRAP_SERVERS})
 * @param registryUrl the schema registry's Confluent-compatible URL ({@value #REGISTRY_URL})
 * @param appsFile the apps file: keys, pseudonym keys, webhooks ({@value #APPS_FILE})
 * @param httpHost the HTTP bind address ({@value #HTTP_HOST}, default {@value #DEFAULT_HTTP_HOST})
 * @param httpPort the HTTP port, 0 for any free one ({@value #HTTP_PORT})
 * @param opsPort a port of its own for the ops endpoints ({@code /metrics}, {@code /live}, {@code /ready},
 *     {@code /health}), off the public API port, on {@code http.host}; 0 for any; {@code null} (default,
 *     unset): they are served on {@code http.port} ({@value #OPS_PORT})
 * @param directoryTimeout how long a lookup in the player directory may take ({@value #DIRECTORY_TIMEOUT})
 * @param directoryCacheSize players whose ref and data key are kept in memory ({@value #DIRECTORY_CACHE_SIZE},
 *     default 100000, 1 to 100000000)
 * @param shutdownTimeout how long a graceful stop may take ({@value #SHUTDOWN_TIMEOUT})
 * @param schemasAutoRegister whether the service registers the schemas of what it writes when missing
 *     ({@value #SCHEMAS_AUTO_REGISTER}, default false: the installer registers them)
 */
public record ServiceSettings(String bootstrapServers, URI registryUrl, Path appsFile, String httpHost, int httpPort,
                              Integer opsPort, Duration directoryTimeout, int directoryCacheSize,
                              Duration shutdownTimeout, boolean schemasAutoRegister) {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REGISTRY_URL = "registry.url";
  public static final String APPS_FILE = "apps.file";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String OPS_PORT = "ops.port";
  public static final String DIRECTORY_TIMEOUT = "directory.timeout";
  public static final String DIRECTORY_CACHE_SIZE = "directory.cache.size";
  public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";
  public static final String SCHEMAS_AUTO_REGISTER = "schemas.auto-register";

  /** The default bind address: this host only. */
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  /** The most players a directory cache may be configured to hold. */
  public static final int MAX_DIRECTORY_CACHE_SIZE = 100_000_000;

  /** Declares {@code bootstrap.servers}, {@code registry.url} and {@code apps.file}, all required. */
  public static ConfigSpec.Builder declareKafka(final ConfigSpec.Builder spec) {
    return spec.key(BOOTSTRAP_SERVERS, null)
        .key(REGISTRY_URL, null)
        .key(APPS_FILE, null);
  }

  /** Declares {@code http.host}, {@code http.port} (default {@code port}) and {@code ops.port} (unset). */
  public static ConfigSpec.Builder declareHttp(final ConfigSpec.Builder spec, final int port) {
    return spec.key(HTTP_HOST, DEFAULT_HTTP_HOST)
        .key(HTTP_PORT, Integer.toString(port))
        // Empty: the ops endpoints on the API port.
        .key(OPS_PORT, "");
  }

  /** Declares {@code directory.timeout} (default {@code timeout}, e.g. {@code 5s}) and {@code directory.cache.size}. */
  public static ConfigSpec.Builder declareDirectory(final ConfigSpec.Builder spec, final String timeout) {
    return spec.key(DIRECTORY_TIMEOUT, timeout)
        .key(DIRECTORY_CACHE_SIZE, "100000");
  }

  /** Declares {@code shutdown.timeout} (default {@code timeout}, e.g. {@code 30s}). */
  public static ConfigSpec.Builder declareShutdown(final ConfigSpec.Builder spec, final String timeout) {
    return spec.key(SHUTDOWN_TIMEOUT, timeout);
  }

  /** Declares {@code schemas.auto-register} (default false). */
  public static ConfigSpec.Builder declareSchemasAutoRegister(final ConfigSpec.Builder spec) {
    return spec.key(SCHEMAS_AUTO_REGISTER, "false");
  }

  /**
   * Reads and checks the keys; bad values are recorded on {@code v} (placeholders are returned).
   *
   * @param appsFileMustExist whether {@code apps.file} must name an existing file now (else any path)
   */
  public static ServiceSettings read(final ConfigValues v, final boolean appsFileMustExist) {
    final String bootstrap = v.hostPorts(BOOTSTRAP_SERVERS);
    final URI registry = v.httpUrl(REGISTRY_URL);
    final Path apps = appsFileMustExist ? v.existingFile(APPS_FILE) : v.path(APPS_FILE);
    final String httpHost = v.text(HTTP_HOST);
    final int httpPort = v.port(HTTP_PORT, true);
    final Integer opsPort = v.text(OPS_PORT).isEmpty() ? null : v.port(OPS_PORT, true);
    final Duration directoryTimeout = v.duration(DIRECTORY_TIMEOUT);
    final int directoryCacheSize = v.intIn(DIRECTORY_CACHE_SIZE, 1, MAX_DIRECTORY_CACHE_SIZE);
    final Duration shutdown = v.duration(SHUTDOWN_TIMEOUT);
    final boolean autoRegister = v.bool(SCHEMAS_AUTO_REGISTER);
    return new ServiceSettings(bootstrap, registry, apps, httpHost, httpPort, opsPort, directoryTimeout,
        directoryCacheSize, shutdown, autoRegister);
  }

  /**
   * Reads an {@link InternalToken} ({@code internal.token} in projections, {@code projections.token} in the
   * gateway); a bad one is recorded on {@code v} with a message that never repeats the value: it is a secret.
   *
   * @return the token, or {@code null} when unset or bad
   */
  public static InternalToken internalToken(final ConfigValues v, final String key) {
    try {
      return InternalToken.of(v.text(key)).orElse(null);
    } catch (final IllegalArgumentException e) {
      v.problem(key, e.getMessage());
      return null;
    }
  }
}
