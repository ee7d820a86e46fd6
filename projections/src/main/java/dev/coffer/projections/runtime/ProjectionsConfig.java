package dev.coffer.projections.runtime;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import dev.coffer.projections.ProjectionTopology;
import dev.coffer.projections.console.ConsoleSettings;
import dev.coffer.service.auth.InternalToken;
import dev.coffer.service.config.ServiceSettings;
import dev.coffer.service.streams.StreamsSettings;
import dev.coffer.topics.CofferTopics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The projections service's whole configuration: one typed, validated value read from a YAML or properties file with
 * environment overrides. Keys are flat and dotted ({@code http.port}); YAML may nest them. The environment variable
 * {@code COFFER_PROJECTIONS_} + the key upper-cased with {@code .} and {@code -} as {@code _} overrides a key
 * ({@code http.port} &rarr; {@code COFFER_PROJECTIONS_HTTP_PORT}). Keys under {@code kafka.} pass to Kafka Streams
 * and its clients (security, timeouts) but may not override what this class decides. Unknown keys and unknown
 * {@code COFFER_PROJECTIONS_*} variables are errors, each named. The keys projections shares with the gateway
 * (Kafka, registry, apps file, HTTP, directory, shutdown, schemas) are the service kit's {@link ServiceSettings}.
 *
 * @param bootstrapServers Kafka ({@code bootstrap.servers}, required)
 * @param registryUrl the schema registry's Confluent-compatible URL ({@code registry.url}, required)
 * @param appsFile the apps file shared with the gateway ({@code apps.file}, required, must exist)
 * @param streams the Kafka Streams settings ({@code application.id}, {@code state.dir}, {@code num.stream.threads},
 *     ...: the service kit's {@link StreamsSettings})
 * @param httpHost the HTTP bind address ({@code http.host})
 * @param httpPort the HTTP port, 0 for any free one ({@code http.port})
 * @param opsPort a port of its own for {@code /metrics} and {@code /instances} (and the health endpoints); 0 for
 *     any; {@code null} (default, unset): served on {@code http.port} ({@code ops.port})
 * @param advertisedHost the host other instances reach this one at; with the HTTP port it is
 *     {@code application.server} ({@code advertised.host}, default {@code http.host})
 * @param outcomesTopic the outcome topic ({@code topics.outcomes})
 * @param purchaseLogTopic the purchase-log topic ({@code topics.purchase-log})
 * @param purchaseIndexTopic the purchase-index topic ({@code topics.purchase-index})
 * @param internalToken the secret the gateway presents to {@code /internal} endpoints (at least 24
 *     characters), or {@code null} (default, unset): those endpoints answer 401 to everyone
 *     ({@code internal.token})
 * @param webhookDeadLetterTopic where undeliverable webhooks are parked ({@code topics.webhook-dead-letters})
 * @param privacy the player directory and data keys: {@link PrivacySettings}
 * @param minVersionWait the longest a read waits for {@code ?minVersion} ({@code read.min-version-wait})
 * @param retryAfter the {@code Retry-After} of every 503 ({@code read.retry-after})
 * @param forwardTimeout the longest a read forwarded to its owner may take ({@code read.forward-timeout})
 * @param recentViews players whose views this instance keeps decoded in memory, as its processor last wrote
 *     them: a read of one of them skips the store and the JSON decode; 0 keeps none
 *     ({@code read.recent-views}, default 50,000: about 370 bytes each with one currency, under 20 MB)
 * @param sseEnabled whether server-sent events are served ({@code sse.enabled})
 * @param sseMaxStreamsPerApp open event streams one app may have on this instance; one more is
 *     refused 429 {@code TOO_MANY_STREAMS} ({@code sse.max-streams-per-app})
 * @param sseBuffer events buffered for one stream; a subscriber that falls this far behind is
 *     disconnected with a reason ({@code sse.buffer})
 * @param sseHeartbeat how long a stream stays quiet before a keep-alive comment, which also frees the
 *     place of a client that went away ({@code sse.heartbeat})
 * @param webhooksEnabled whether webhooks are sent from this instance ({@code webhooks.enabled})
 * @param webhooksFromBeginning whether a new deployment sends webhooks for the outcomes already in
 *     the topic ({@code webhooks.from-beginning}, default false: only from now on)
 * @param webhookMaxAttempts delivery attempts before parking ({@code webhooks.max-attempts})
 * @param webhookInitialBackoff the wait after the first failed attempt, doubled each time
 *     ({@code webhooks.initial-backoff})
 * @param webhookMaxBackoff the longest wait between attempts ({@code webhooks.max-backoff})
 * @param webhookRequestTimeout the timeout of one attempt ({@code webhooks.request-timeout})
 * @param webhookParallelism deliveries in flight at once per app, each player's in order
 *     ({@code webhooks.parallelism})
 * @param webhookQueueCapacity webhooks waiting per app; past it a webhook is parked at once, so one
 *     app's dead endpoint never holds the others ({@code webhooks.queue-capacity})
 * @param shutdownTimeout how long a graceful close waits ({@code shutdown.timeout})
 * @param console the operator console and its aggregates ({@code console.*}, {@code analytics.*},
 *     {@code topics.ledger-dead-letters}: {@link ConsoleSettings})
 * @param schemasAutoRegister {@value #SCHEMAS_AUTO_REGISTER}: whether projections register the schemas of what
 *     they write (webhook deliveries, directory requests) when missing; off by default, as in the ledger and the
 *     gateway: the installer registers them, and start refuses a build whose schemas are not registered
 * @param kafkaOverrides further Kafka settings ({@code kafka.*}, without the prefix)
 */
public record ProjectionsConfig(String bootstrapServers, URI registryUrl, Path appsFile, StreamsSettings streams,
                                String httpHost, int httpPort, Integer opsPort, String advertisedHost,
                                String outcomesTopic, String purchaseLogTopic, String purchaseIndexTopic,
                                InternalToken internalToken, String webhookDeadLetterTopic, PrivacySettings privacy,
                                Duration minVersionWait, Duration retryAfter, Duration forwardTimeout,
                                int recentViews, boolean sseEnabled, int sseMaxStreamsPerApp, int sseBuffer,
                                Duration sseHeartbeat,
                                boolean webhooksEnabled, boolean webhooksFromBeginning, int webhookMaxAttempts,
                                Duration webhookInitialBackoff, Duration webhookMaxBackoff,
                                Duration webhookRequestTimeout, int webhookParallelism, int webhookQueueCapacity,
                                Duration shutdownTimeout, ConsoleSettings console, boolean schemasAutoRegister,
                                Map<String, String> kafkaOverrides) {
  /** The prefix of every environment override. */
  public static final String ENV_PREFIX = "COFFER_PROJECTIONS_";
  /** The variable the main reads the file path from when no argument is given. */
  public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";
  /** The prefix of keys passed through to Kafka. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String BOOTSTRAP_SERVERS = ServiceSettings.BOOTSTRAP_SERVERS;
  public static final String REGISTRY_URL = ServiceSettings.REGISTRY_URL;
  public static final String APPS_FILE = ServiceSettings.APPS_FILE;
  public static final String HTTP_HOST = ServiceSettings.HTTP_HOST;
  public static final String HTTP_PORT = ServiceSettings.HTTP_PORT;
  public static final String OPS_PORT = ServiceSettings.OPS_PORT;
  public static final String ADVERTISED_HOST = "advertised.host";
  public static final String TOPIC_OUTCOMES = "topics.outcomes";
  public static final String TOPIC_PURCHASE_LOG = "topics.purchase-log";
  public static final String TOPIC_PURCHASE_INDEX = "topics.purchase-index";
  public static final String INTERNAL_TOKEN = "internal.token";
  public static final String SCHEMAS_AUTO_REGISTER = ServiceSettings.SCHEMAS_AUTO_REGISTER;
  public static final String TOPIC_WEBHOOK_DEAD_LETTERS = "topics.webhook-dead-letters";
  public static final String TOPIC_WEBHOOK_DELIVERIES = "topics.webhook-deliveries";
  public static final String TOPIC_PLAYER_KEYS = "topics.player-keys";
  public static final String TOPIC_DIRECTORY = "topics.player-directory";
  public static final String TOPIC_DIRECTORY_REQUESTS = "topics.player-directory-requests";
  public static final String DIRECTORY_TIMEOUT = ServiceSettings.DIRECTORY_TIMEOUT;
  public static final String DIRECTORY_CACHE_SIZE = ServiceSettings.DIRECTORY_CACHE_SIZE;
  public static final String MIN_VERSION_WAIT = "read.min-version-wait";
  public static final String RETRY_AFTER = "read.retry-after";
  public static final String FORWARD_TIMEOUT = "read.forward-timeout";
  public static final String RECENT_VIEWS = "read.recent-views";
  public static final String SSE_ENABLED = "sse.enabled";
  public static final String SSE_MAX_STREAMS_PER_APP = "sse.max-streams-per-app";
  public static final String SSE_BUFFER = "sse.buffer";
  public static final String SSE_HEARTBEAT = "sse.heartbeat";
  public static final String WEBHOOKS_ENABLED = "webhooks.enabled";
  public static final String WEBHOOKS_FROM_BEGINNING = "webhooks.from-beginning";
  public static final String WEBHOOK_MAX_ATTEMPTS = "webhooks.max-attempts";
  public static final String WEBHOOK_INITIAL_BACKOFF = "webhooks.initial-backoff";
  public static final String WEBHOOK_MAX_BACKOFF = "webhooks.max-backoff";
  public static final String WEBHOOK_REQUEST_TIMEOUT = "webhooks.request-timeout";
  public static final String WEBHOOK_PARALLELISM = "webhooks.parallelism";
  public static final String WEBHOOK_QUEUE_CAPACITY = "webhooks.queue-capacity";
  public static final String SHUTDOWN_TIMEOUT = ServiceSettings.SHUTDOWN_TIMEOUT;

  /** Where undeliverable webhooks are parked by default. */
  public static final String DEFAULT_WEBHOOK_DEAD_LETTERS = CofferTopics.WEBHOOK_DEAD_LETTERS.name();

  /** Kafka settings a {@code kafka.*} key may not set: the typed keys and what reads rest on. */
  private static final Set<String> GUARDED = StreamsSettings.guardedWith(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
      StreamsConfig.APPLICATION_SERVER_CONFIG, StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);

  public ProjectionsConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(appsFile, "appsFile");
    Objects.requireNonNull(console, "console");
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  /** The keys, their defaults ({@code null}: required), how the environment overrides them. */
  private static final ConfigSpec SPEC = ConfigSpec.builder("projections")
      .with(ServiceSettings::declareKafka)
      .with(b -> StreamsSettings.declare(b, new StreamsSettings.Defaults("coffer-projections", "coffer-projections",
          1000, 1, 3)))
      .with(b -> ServiceSettings.declareHttp(b, 8092))
      // Empty: the same as http.host.
      .key(ADVERTISED_HOST, "")
      .key(TOPIC_OUTCOMES, CofferTopics.LEDGER_OUTCOMES.name())
      .key(TOPIC_PURCHASE_LOG, CofferTopics.PURCHASE_LOG.name())
      .key(TOPIC_PURCHASE_INDEX, CofferTopics.PURCHASE_INDEX.name())
      // Empty: /internal endpoints refuse everyone.
      .key(INTERNAL_TOKEN, "")
      .with(ServiceSettings::declareSchemasAutoRegister)
      .key(TOPIC_WEBHOOK_DEAD_LETTERS, DEFAULT_WEBHOOK_DEAD_LETTERS)
      .key(TOPIC_WEBHOOK_DELIVERIES, CofferTopics.WEBHOOK_DELIVERIES.name())
      .key(TOPIC_PLAYER_KEYS, CofferTopics.PLAYER_KEYS.name())
      .key(TOPIC_DIRECTORY, CofferTopics.PLAYER_DIRECTORY.name())
      .key(TOPIC_DIRECTORY_REQUESTS, CofferTopics.PLAYER_DIRECTORY_REQUESTS.name())
      .with(b -> ServiceSettings.declareDirectory(b, "5s"))
      .key(MIN_VERSION_WAIT, "5s")
      .key(RETRY_AFTER, "1s")
      .key(FORWARD_TIMEOUT, "15s")
      .key(RECENT_VIEWS, "50000")
      .key(SSE_ENABLED, "true")
      .key(SSE_MAX_STREAMS_PER_APP, "1000")
      .key(SSE_BUFFER, "256")
      .key(SSE_HEARTBEAT, "15s")
      .key(WEBHOOKS_ENABLED, "true")
      .key(WEBHOOKS_FROM_BEGINNING, "false")
      .key(WEBHOOK_MAX_ATTEMPTS, "6")
      .key(WEBHOOK_INITIAL_BACKOFF, "500ms")
      .key(WEBHOOK_MAX_BACKOFF, "30s")
      .key(WEBHOOK_REQUEST_TIMEOUT, "10s")
      .key(WEBHOOK_PARALLELISM, "4")
      .key(WEBHOOK_QUEUE_CAPACITY, "1000")
      .with(b -> ServiceSettings.declareShutdown(b, "30s"))
      .with(ConsoleSettings::declare)
      .envPrefix(ENV_PREFIX)
      .passthrough(KAFKA_PREFIX)
      .exceptions(ProjectionsConfigException::new)
      .build();

  /** The environment variable overriding {@code key}. */
  public static String envName(final String key) {
    return SPEC.envName(key);
  }

  /**
   * Reads a YAML or properties file, applies {@code COFFER_PROJECTIONS_*} overrides from {@code env} and validates.
   *
   * @throws ProjectionsConfigException naming every bad key
   */
  public static ProjectionsConfig load(final Path file, final Map<String, String> env) {
    return validate(SPEC.load(file, env));
  }

  /**
   * Validates settings given as a map (the local stack), with {@code COFFER_PROJECTIONS_*} overrides from
   * {@code env}.
   *
   * @throws ProjectionsConfigException naming every bad key
   */
  public static ProjectionsConfig fromMap(final Map<String, String> settings, final Map<String, String> env) {
    return validate(SPEC.fromMap(settings, "settings", env));
  }

  /** Validates settings given as a map (tests, the local stack), without the environment. */
  public static ProjectionsConfig fromMap(final Map<String, String> values) {
    return validate(SPEC.fromMap(values, null, null));
  }

  private static ProjectionsConfig validate(final ConfigValues v) {
    final Map<String, String> kafka = v.passthrough(kafkaKey -> GUARDED.contains(StreamsSettings.unprefixed(kafkaKey))
        ? "may not be overridden; it is set by the projections service" : null);
    final ServiceSettings s = ServiceSettings.read(v, true);
    final StreamsSettings streams = StreamsSettings.read(v);
    final String advertised = v.text(ADVERTISED_HOST);
    final String advertisedHost = advertised == null || advertised.isBlank() ? s.httpHost() : advertised;
    if (advertisedHost != null && (advertisedHost.equals("0.0.0.0") || advertisedHost.equals("::"))) {
      v.problem(ADVERTISED_HOST, "must be set to an address other instances can reach when "
          + HTTP_HOST + " is a wildcard (" + advertisedHost + ")");
    }
    final String outcomes = v.kafkaName(TOPIC_OUTCOMES);
    final String purchaseLog = v.kafkaName(TOPIC_PURCHASE_LOG);
    final String purchaseIndex = v.kafkaName(TOPIC_PURCHASE_INDEX);
    final InternalToken internalToken = ServiceSettings.internalToken(v, INTERNAL_TOKEN);
    final String deadLetters = v.kafkaName(TOPIC_WEBHOOK_DEAD_LETTERS);
    final PrivacySettings privacy = new PrivacySettings(v.kafkaName(TOPIC_WEBHOOK_DELIVERIES),
        v.kafkaName(TOPIC_PLAYER_KEYS), v.kafkaName(TOPIC_DIRECTORY_REQUESTS), v.kafkaName(TOPIC_DIRECTORY),
        s.directoryTimeout(), s.directoryCacheSize());
    final Duration minVersionWait = v.duration(MIN_VERSION_WAIT);
    final Duration retryAfter = v.duration(RETRY_AFTER);
    final Duration forwardTimeout = v.duration(FORWARD_TIMEOUT);
    if (forwardTimeout.compareTo(minVersionWait) <= 0 && v.ok(MIN_VERSION_WAIT, FORWARD_TIMEOUT)) {
      v.problem(FORWARD_TIMEOUT, "must be longer than " + MIN_VERSION_WAIT + " (" + minVersionWait
          + "): a forwarded read may wait that long at its owner");
    }
    final int recentViews = v.intIn(RECENT_VIEWS, 0, 10_000_000);
    final boolean sse = v.bool(SSE_ENABLED);
    final int maxStreams = v.intIn(SSE_MAX_STREAMS_PER_APP, 1, 1_000_000);
    final int sseBuffer = v.intIn(SSE_BUFFER, 1, 100_000);
    final Duration sseHeartbeat = v.duration(SSE_HEARTBEAT);
    final boolean webhooks = v.bool(WEBHOOKS_ENABLED);
    final boolean fromBeginning = v.bool(WEBHOOKS_FROM_BEGINNING);
    final int attempts = v.intIn(WEBHOOK_MAX_ATTEMPTS, 1, 20);
    final Duration initialBackoff = v.duration(WEBHOOK_INITIAL_BACKOFF);
    final Duration maxBackoff = v.duration(WEBHOOK_MAX_BACKOFF);
    final Duration requestTimeout = v.duration(WEBHOOK_REQUEST_TIMEOUT);
    final int parallelism = v.intIn(WEBHOOK_PARALLELISM, 1, 64);
    final int queueCapacity = v.intIn(WEBHOOK_QUEUE_CAPACITY, 1, 1_000_000);
    final ConsoleSettings console = ConsoleSettings.read(v);
    v.throwIfInvalid();
    return new ProjectionsConfig(s.bootstrapServers(), s.registryUrl(), s.appsFile(), streams, s.httpHost(),
        s.httpPort(), s.opsPort(), advertisedHost, outcomes, purchaseLog, purchaseIndex, internalToken, deadLetters,
        privacy, minVersionWait, retryAfter, forwardTimeout, recentViews, sse, maxStreams, sseBuffer, sseHeartbeat,
        webhooks,
        fromBeginning, attempts, initialBackoff, maxBackoff, requestTimeout, parallelism, queueCapacity,
        s.shutdownTimeout(), console, s.schemasAutoRegister(), kafka);
  }

  /**
   * The Kafka Streams properties, with {@code application.server} set to this instance's advertised host and
   * {@code boundHttpPort}, the HTTP port it actually bound.
   */
  public Properties streamsProperties(final int boundHttpPort) {
    final Properties p = new Properties();
    // Its views serve ?minVersion reads: the same latency defaults as the ledger, which kafka.* may override.
    StreamsSettings.putLatencyDefaults(p);
    p.putAll(kafkaOverrides);
    streams.applyTo(p);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        Integer.toString(Math.min(2, streams.replicationFactor())));
    // At-least-once is enough: every view is idempotent (outcomes carry absolute state and versions).
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    // Read only what the ledger committed: an aborted transaction never reaches a view.
    p.put(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
    p.putAll(ProjectionTopology.REQUIRED_CONFIG);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + boundHttpPort);
    return p;
  }

  /** The Streams application id. */
  public String applicationId() {
    return streams.applicationId();
  }

  /** {@code bootstrap.servers} and the {@code kafka.*} client settings, for the service's own clients. */
  public Map<String, Object> clientConfig() {
    return StreamsSettings.clientConfig(bootstrapServers, kafkaOverrides);
  }
}
