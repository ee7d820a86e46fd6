package dev.coffer.projections.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.projections.ProjectionTopology;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The projections service's whole configuration: one typed, validated value read from a YAML or
 * properties file with environment overrides. Keys are flat and dotted ({@code http.port}); YAML may
 * nest them. The environment variable {@code COFFER_PROJECTIONS_} + the key upper-cased with
 * {@code .} and {@code -} as {@code _} overrides a key ({@code http.port} &rarr;
 * {@code COFFER_PROJECTIONS_HTTP_PORT}). Keys under {@code kafka.} pass to Kafka Streams and its
 * clients (security, timeouts) but may not override what this class decides. Unknown keys and
 * unknown {@code COFFER_PROJECTIONS_*} variables are errors, each named.
 *
 * @param bootstrapServers Kafka ({@code bootstrap.servers}, required)
 * @param registryUrl the schema registry's Confluent-compatible URL ({@code registry.url}, required)
 * @param appsFile the apps file shared with the gateway: keys, pseudonym keys, webhooks
 *     ({@code apps.file}, required)
 * @param applicationId the Streams application id ({@code application.id})
 * @param stateDir where RocksDB stores live, kept across restarts ({@code state.dir})
 * @param numStreamThreads stream threads ({@code num.stream.threads})
 * @param numStandbyReplicas warm store copies on other instances ({@code num.standby.replicas})
 * @param commitInterval offsets commit interval ({@code commit.interval.ms})
 * @param replicationFactor of internal topics ({@code replication.factor})
 * @param httpHost the HTTP bind address ({@code http.host})
 * @param httpPort the HTTP port, 0 for any free one ({@code http.port})
 * @param advertisedHost the host other instances reach this one at; with the HTTP port it is
 *     {@code application.server} ({@code advertised.host}, default {@code http.host})
 * @param outcomesTopic the outcome topic ({@code topics.outcomes})
 * @param purchaseLogTopic the purchase-log topic ({@code topics.purchase-log})
 * @param webhookDeadLetterTopic where undeliverable webhooks are parked ({@code topics.webhook-dead-letters})
 * @param minVersionWait the longest a read waits for {@code ?minVersion} ({@code read.min-version-wait})
 * @param retryAfter the {@code Retry-After} of every 503 ({@code read.retry-after})
 * @param forwardTimeout the longest a read forwarded to its owner may take ({@code read.forward-timeout})
 * @param sseEnabled whether server-sent events are served ({@code sse.enabled})
 * @param webhooksEnabled whether webhooks are sent from this instance ({@code webhooks.enabled})
 * @param webhooksFromBeginning whether a new deployment sends webhooks for the outcomes already in
 *     the topic ({@code webhooks.from-beginning}, default false: only from now on)
 * @param webhookMaxAttempts delivery attempts before parking ({@code webhooks.max-attempts})
 * @param webhookInitialBackoff the wait after the first failed attempt, doubled each time
 *     ({@code webhooks.initial-backoff})
 * @param webhookMaxBackoff the longest wait between attempts ({@code webhooks.max-backoff})
 * @param webhookRequestTimeout the timeout of one attempt ({@code webhooks.request-timeout})
 * @param shutdownTimeout how long a graceful close waits ({@code shutdown.timeout})
 * @param kafkaOverrides further Kafka settings ({@code kafka.*}, without the prefix)
 */
public record ProjectionsConfig(String bootstrapServers, URI registryUrl, Path appsFile, String applicationId,
                                Path stateDir, int numStreamThreads, int numStandbyReplicas,
                                Duration commitInterval, short replicationFactor, String httpHost, int httpPort,
                                String advertisedHost, String outcomesTopic, String purchaseLogTopic,
                                String webhookDeadLetterTopic, Duration minVersionWait, Duration retryAfter,
                                Duration forwardTimeout, boolean sseEnabled, boolean webhooksEnabled,
                                boolean webhooksFromBeginning, int webhookMaxAttempts,
                                Duration webhookInitialBackoff,
                                Duration webhookMaxBackoff, Duration webhookRequestTimeout,
                                Duration shutdownTimeout, Map<String, String> kafkaOverrides) {
  /** The prefix of every environment override. */
  public static final String ENV_PREFIX = "COFFER_PROJECTIONS_";
  /** The variable the main reads the file path from when no argument is given. */
  public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";
  /** The prefix of keys passed through to Kafka. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REGISTRY_URL = "registry.url";
  public static final String APPS_FILE = "apps.file";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String NUM_STANDBY_REPLICAS = "num.standby.replicas";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String REPLICATION_FACTOR = "replication.factor";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String ADVERTISED_HOST = "advertised.host";
  public static final String TOPIC_OUTCOMES = "topics.outcomes";
  public static final String TOPIC_PURCHASE_LOG = "topics.purchase-log";
  public static final String TOPIC_WEBHOOK_DEAD_LETTERS = "topics.webhook-dead-letters";
  public static final String MIN_VERSION_WAIT = "read.min-version-wait";
  public static final String RETRY_AFTER = "read.retry-after";
  public static final String FORWARD_TIMEOUT = "read.forward-timeout";
  public static final String SSE_ENABLED = "sse.enabled";
  public static final String WEBHOOKS_ENABLED = "webhooks.enabled";
  public static final String WEBHOOKS_FROM_BEGINNING = "webhooks.from-beginning";
  public static final String WEBHOOK_MAX_ATTEMPTS = "webhooks.max-attempts";
  public static final String WEBHOOK_INITIAL_BACKOFF = "webhooks.initial-backoff";
  public static final String WEBHOOK_MAX_BACKOFF = "webhooks.max-backoff";
  public static final String WEBHOOK_REQUEST_TIMEOUT = "webhooks.request-timeout";
  public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";

  /** Where undeliverable webhooks are parked by default. */
  public static final String DEFAULT_WEBHOOK_DEAD_LETTERS = CofferTopics.WEBHOOK_DEAD_LETTERS.name();

  private static final Map<String, String> DEFAULTS = defaults();
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
  private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  /** Kafka settings a {@code kafka.*} key may not set: the typed keys and what reads rest on. */
  private static final Set<String> GUARDED = Set.of(StreamsConfig.APPLICATION_ID_CONFIG,
      StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, StreamsConfig.STATE_DIR_CONFIG,
      StreamsConfig.NUM_STREAM_THREADS_CONFIG, StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
      StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.REPLICATION_FACTOR_CONFIG,
      StreamsConfig.APPLICATION_SERVER_CONFIG, StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);

  public ProjectionsConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(appsFile, "appsFile");
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  private static Map<String, String> defaults() {
    final Map<String, String> d = new LinkedHashMap<>();
    d.put(BOOTSTRAP_SERVERS, null);
    d.put(REGISTRY_URL, null);
    d.put(APPS_FILE, null);
    d.put(APPLICATION_ID, "coffer-projections");
    d.put(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "coffer-projections").toString());
    d.put(NUM_STREAM_THREADS, "1");
    d.put(NUM_STANDBY_REPLICAS, "1");
    d.put(COMMIT_INTERVAL_MS, "1000");
    d.put(REPLICATION_FACTOR, "3");
    d.put(HTTP_HOST, "127.0.0.1");
    d.put(HTTP_PORT, "8092");
    d.put(ADVERTISED_HOST, "");
    d.put(TOPIC_OUTCOMES, CofferTopics.LEDGER_OUTCOMES.name());
    d.put(TOPIC_PURCHASE_LOG, CofferTopics.PURCHASE_LOG.name());
    d.put(TOPIC_WEBHOOK_DEAD_LETTERS, DEFAULT_WEBHOOK_DEAD_LETTERS);
    d.put(MIN_VERSION_WAIT, "5s");
    d.put(RETRY_AFTER, "1s");
    d.put(FORWARD_TIMEOUT, "15s");
    d.put(SSE_ENABLED, "true");
    d.put(WEBHOOKS_ENABLED, "true");
    d.put(WEBHOOKS_FROM_BEGINNING, "false");
    d.put(WEBHOOK_MAX_ATTEMPTS, "6");
    d.put(WEBHOOK_INITIAL_BACKOFF, "500ms");
    d.put(WEBHOOK_MAX_BACKOFF, "30s");
    d.put(WEBHOOK_REQUEST_TIMEOUT, "10s");
    d.put(SHUTDOWN_TIMEOUT, "30s");
    return d;
  }

  /** Every typed key, in documentation order. */
  public static Set<String> keys() {
    return DEFAULTS.keySet();
  }

  /** The environment variable overriding {@code key}. */
  public static String envName(final String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Reads a YAML or properties file, applies {@code COFFER_PROJECTIONS_*} overrides from {@code env}
   * and validates.
   *
   * @throws ProjectionsConfigException naming every bad key
   */
  public static ProjectionsConfig load(final Path file, final Map<String, String> env) {
    return withEnv(file.toString(), readFile(file), "file " + file.getFileName(), env);
  }

  /**
   * Validates settings given as a map (the local stack), with {@code COFFER_PROJECTIONS_*} overrides
   * from {@code env}.
   *
   * @throws ProjectionsConfigException naming every bad key
   */
  public static ProjectionsConfig fromMap(final Map<String, String> settings, final Map<String, String> env) {
    return withEnv(null, settings, "settings", env);
  }

  private static ProjectionsConfig withEnv(final String source, final Map<String, String> settings,
                                           final String origin, final Map<String, String> env) {
    final Map<String, String> values = new TreeMap<>(settings);
    final Map<String, String> origins = new TreeMap<>();
    values.keySet().forEach(k -> origins.put(k, origin));
    final List<ProjectionsConfigException.Problem> problems = new ArrayList<>();
    for (final Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX) || e.getKey().equals(CONFIG_FILE_ENV)) {
        continue;
      }
      final String key = keyOfEnv(e.getKey());
      if (key == null) {
        problems.add(new ProjectionsConfigException.Problem(e.getKey(), "environment",
            "unknown variable; known keys: " + String.join(", ", keys())));
      } else {
        values.put(key, e.getValue());
        origins.put(key, "env " + e.getKey());
      }
    }
    return validate(source, values, origins, problems);
  }

  /** Validates settings given as a map (tests, the local stack), without the environment. */
  public static ProjectionsConfig fromMap(final Map<String, String> values) {
    return validate(null, new TreeMap<>(values), Map.of(), new ArrayList<>());
  }

  private static String keyOfEnv(final String name) {
    for (final String key : DEFAULTS.keySet()) {
      if (envName(key).equals(name)) {
        return key;
      }
    }
    final String kafkaEnv = envName(KAFKA_PREFIX);
    if (name.startsWith(kafkaEnv) && name.length() > kafkaEnv.length()) {
      return KAFKA_PREFIX + name.substring(kafkaEnv.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
    return null;
  }

  /** Parses one key at a time, collecting a problem per bad key rather than failing at the first. */
  private static final class Values {
    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<ProjectionsConfigException.Problem> problems;

    Values(final Map<String, String> values, final Map<String, String> origins,
           final List<ProjectionsConfigException.Problem> problems) {
      this.values = values;
      this.origins = origins;
      this.problems = problems;
    }

    void problem(final String key, final String message) {
      problems.add(new ProjectionsConfigException.Problem(key, origins.get(key), message));
    }

    boolean problemsFree(final String... keys) {
      for (final String key : keys) {
        if (problems.stream().anyMatch(p -> p.key().equals(key))) {
          return false;
        }
      }
      return true;
    }

    String text(final String key) {
      final String value = values.get(key);
      if (value == null || value.isBlank()) {
        final String fallback = DEFAULTS.get(key);
        if (fallback == null) {
          problem(key, "is required (in the file, or as " + envName(key) + ")");
        }
        return fallback;
      }
      return value.trim();
    }

    String hostPorts(final String key) {
      final String value = text(key);
      if (value != null) {
        for (final String server : value.split(",", -1)) {
          final Matcher m = HOST_PORT.matcher(server.trim());
          if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
            problem(key, "'" + server.trim() + "' is not host:port");
            return null;
          }
        }
      }
      return value;
    }

    URI httpUrl(final String key) {
      final String value = text(key);
      if (value == null) {
        return null;
      }
      try {
        final URI uri = new URI(value);
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          problem(key, "'" + value + "' is not an absolute http(s) URL");
          return null;
        }
        return uri;
      } catch (final URISyntaxException e) {
        problem(key, "'" + value + "' is not a URL: " + e.getMessage());
        return null;
      }
    }

    String kafkaName(final String key) {
      final String value = text(key);
      if (value != null && !KAFKA_NAME.matcher(value).matches()) {
        problem(key, "'" + value + "' may only contain letters, digits, '.', '_' and '-'");
        return null;
      }
      return value;
    }

    Path path(final String key) {
      final String value = text(key);
      return value == null ? null : Path.of(value);
    }

    Path existingFile(final String key) {
      final Path path = path(key);
      if (path != null && !Files.isRegularFile(path)) {
        problem(key, "no such file: " + path);
      }
      return path;
    }

    int intIn(final String key, final int min, final int max) {
      final String value = text(key);
      try {
        final int n = Integer.parseInt(value);
        if (n < min || n > max) {
          problem(key, "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
      } catch (final NumberFormatException e) {
        problem(key, "'" + value + "' is not a whole number");
        return min;
      }
    }

    boolean bool(final String key) {
      final String value = text(key).toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        problem(key, "must be true or false, was " + value);
      }
      return value.equals("true");
    }

    Duration duration(final String key) {
      final String value = text(key);
      final Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
      Duration d = null;
      if (m.matches()) {
        final long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } else {
        try {
          d = Duration.parse(value);
        } catch (final DateTimeParseException e) {
          problem(key, "'" + value + "' is not a duration (e.g. 500ms, 30s, PT1M)");
          return Duration.ofSeconds(1);
        }
      }
      if (d.isNegative() || d.isZero()) {
        problem(key, "must be positive, was " + value);
        return Duration.ofSeconds(1);
      }
      return d;
    }
  }

  private static ProjectionsConfig validate(final String source, final Map<String, String> values,
                                            final Map<String, String> origins,
                                            final List<ProjectionsConfigException.Problem> problems) {
    final Values v = new Values(values, origins, problems);
    final Map<String, String> kafka = new TreeMap<>();
    for (final Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(KAFKA_PREFIX)) {
        final String kafkaKey = e.getKey().substring(KAFKA_PREFIX.length());
        if (kafkaKey.isEmpty() || GUARDED.contains(kafkaKey)) {
          v.problem(e.getKey(), "may not be overridden; it is set by the projections service");
        } else {
          kafka.put(kafkaKey, e.getValue());
        }
      } else if (!DEFAULTS.containsKey(e.getKey())) {
        v.problem(e.getKey(), "unknown key; known keys: " + String.join(", ", keys()) + ", and kafka.*");
      }
    }
    final String bootstrap = v.hostPorts(BOOTSTRAP_SERVERS);
    final URI registry = v.httpUrl(REGISTRY_URL);
    final Path apps = v.existingFile(APPS_FILE);
    final String appId = v.kafkaName(APPLICATION_ID);
    final Path stateDir = v.path(STATE_DIR);
    final int threads = v.intIn(NUM_STREAM_THREADS, 1, 64);
    final int standbys = v.intIn(NUM_STANDBY_REPLICAS, 0, 8);
    final int commitMs = v.intIn(COMMIT_INTERVAL_MS, 1, 60_000);
    final int rf = v.intIn(REPLICATION_FACTOR, 1, Short.MAX_VALUE);
    final String httpHost = v.text(HTTP_HOST);
    final int httpPort = v.intIn(HTTP_PORT, 0, 65_535);
    final String advertised = v.text(ADVERTISED_HOST);
    final String advertisedHost = advertised == null || advertised.isBlank() ? httpHost : advertised;
    if (advertisedHost != null && (advertisedHost.equals("0.0.0.0") || advertisedHost.equals("::"))) {
      v.problem(ADVERTISED_HOST, "must be set to an address other instances can reach when "
          + HTTP_HOST + " is a wildcard (" + advertisedHost + ")");
    }
    final String outcomes = v.kafkaName(TOPIC_OUTCOMES);
    final String purchaseLog = v.kafkaName(TOPIC_PURCHASE_LOG);
    final String deadLetters = v.kafkaName(TOPIC_WEBHOOK_DEAD_LETTERS);
    final Duration minVersionWait = v.duration(MIN_VERSION_WAIT);
    final Duration retryAfter = v.duration(RETRY_AFTER);
    final Duration forwardTimeout = v.duration(FORWARD_TIMEOUT);
    if (forwardTimeout.compareTo(minVersionWait) <= 0 && v.problemsFree(MIN_VERSION_WAIT, FORWARD_TIMEOUT)) {
      v.problem(FORWARD_TIMEOUT, "must be longer than " + MIN_VERSION_WAIT + " (" + minVersionWait
          + "): a forwarded read may wait that long at its owner");
    }
    final boolean sse = v.bool(SSE_ENABLED);
    final boolean webhooks = v.bool(WEBHOOKS_ENABLED);
    final boolean fromBeginning = v.bool(WEBHOOKS_FROM_BEGINNING);
    final int attempts = v.intIn(WEBHOOK_MAX_ATTEMPTS, 1, 20);
    final Duration initialBackoff = v.duration(WEBHOOK_INITIAL_BACKOFF);
    final Duration maxBackoff = v.duration(WEBHOOK_MAX_BACKOFF);
    final Duration requestTimeout = v.duration(WEBHOOK_REQUEST_TIMEOUT);
    final Duration shutdown = v.duration(SHUTDOWN_TIMEOUT);
    if (!problems.isEmpty()) {
      problems.sort((a, b) -> a.key().compareTo(b.key()));
      throw new ProjectionsConfigException(source, problems);
    }
    return new ProjectionsConfig(bootstrap, registry, apps, appId, stateDir, threads, standbys,
        Duration.ofMillis(commitMs), (short) rf, httpHost, httpPort, advertisedHost, outcomes, purchaseLog,
        deadLetters, minVersionWait, retryAfter, forwardTimeout, sse, webhooks, fromBeginning, attempts, initialBackoff,
        maxBackoff, requestTimeout, shutdown, kafka);
  }

  private static Map<String, String> readFile(final Path file) {
    final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (InputStream in = Files.newInputStream(file)) {
      final Map<String, String> flat = new TreeMap<>();
      if (name.endsWith(".properties")) {
        final Properties props = new Properties();
        props.load(in);
        props.stringPropertyNames().forEach(k -> flat.put(k, props.getProperty(k)));
        return flat;
      }
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        final JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root != null && !root.isMissingNode() && !root.isNull()) {
          flatten("", root, flat, file);
        }
        return flat;
      }
      throw new ProjectionsConfigException(file.toString(), List.of(new ProjectionsConfigException.Problem(
          "(file)", null, "unsupported file type; use .yaml, .yml or .properties")));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read projections configuration " + file, e);
    }
  }

  private static void flatten(final String prefix, final JsonNode node, final Map<String, String> out,
                              final Path file) {
    if (node.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> f = fields.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out, file);
      }
    } else if (node.isValueNode()) {
      out.put(prefix, node.isNull() ? "" : node.asText());
    } else {
      throw new ProjectionsConfigException(file.toString(), List.of(new ProjectionsConfigException.Problem(
          prefix, "file " + file.getFileName(), "lists are not supported; use a comma-separated string")));
    }
  }

  /**
   * The Kafka Streams properties, with {@code application.server} set to this instance's advertised
   * host and the HTTP port it actually bound.
   *
   * @param boundHttpPort the HTTP server's port
   * @return the properties
   */
  public Properties streamsProperties(final int boundHttpPort) {
    final Properties p = new Properties();
    p.putAll(kafkaOverrides);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(numStreamThreads));
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(numStandbyReplicas));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
    p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        Integer.toString(Math.min(2, replicationFactor)));
    // At-least-once is enough: every view is idempotent (outcomes carry absolute state and versions).
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    // Read only what the ledger committed: an aborted transaction never reaches a view.
    p.put(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
    p.putAll(ProjectionTopology.REQUIRED_CONFIG);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + boundHttpPort);
    return p;
  }

  /** {@code bootstrap.servers} and the {@code kafka.*} client settings, for the service's own clients. */
  public Map<String, Object> clientConfig() {
    final Map<String, Object> c = new TreeMap<>();
    kafkaOverrides.forEach((k, val) -> {
      if (!k.contains("consumer.") && !k.contains("producer.") && !k.startsWith("topic.")) {
        c.put(k, val);
      }
    });
    c.put("bootstrap.servers", bootstrapServers);
    return c;
  }
}
