package dev.coffer.projections.it;

import dev.coffer.service.streams.StreamsSettings;
import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.directory.DirectoryTopics;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.projections.console.ConsoleSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The real thing for integration tests and the load main: a ledger (ledger-streams, in-process) on
 * topics of its own, two projections instances over its outputs, an apps file, a producer of ledger
 * events and a reader of outcomes, so a test writes like the gateway does and reads the version back.
 */
public final class ProjectionsCluster implements AutoCloseable {
  public static final String APP = "game-it";
  public static final String SERVER_KEY = "server-key-it-0123456789abcdef";
  public static final String CLIENT_KEY = "client-key-it-0123456789abcdef";
  public static final String WEBHOOK_SECRET = "webhook-secret-new-0123456789abcdef01";
  public static final String OLD_WEBHOOK_SECRET = "webhook-secret-old-0123456789abcdef01";
  /** Changes buffered per event stream. */
  public static final int SSE_BUFFER = 4;
  /** Event streams one app may hold on an instance. */
  public static final int SSE_MAX_STREAMS = 4;

  private final CofferStack stack;
  private final Path dir;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Map<String, LedgerOutcome> outcomes = new ConcurrentHashMap<>();
  private final String outcomesTopic;
  private final String eventsTopic;
  private final String deadLetters;
  private final String directoryRequests;
  private final String directoryTopic;
  private final String playerKeys;
  private final String webhookDeliveries;
  private final PlayerDirectory directory;
  private final String ledgerDlq;
  private final App app;
  private final LedgerService ledger;
  private final List<ProjectionsService> projections = new ArrayList<>();
  private final KafkaProducer<String, LedgerEvent> producer;
  private final Thread outcomeReader;
  private volatile boolean reading = true;

  /**
   * Starts everything.
   *
   * @param stack the broker and registry
   * @param dir a folder for state and the apps file
   * @param instances how many projections instances
   * @param webhookUrl the app's webhook URL, or {@code null} for none
   */
  public ProjectionsCluster(final CofferStack stack, final Path dir, final int instances, final String webhookUrl)
      throws InterruptedException {
    this(stack, dir, instances, webhookUrl, false);
  }

  /**
   * Starts everything, with the console's analytics application on each projections instance or not
   * (it is a second Streams application: tests that do not read the app view leave it off).
   *
   * @param stack the broker and registry
   * @param dir a folder for state and the apps file
   * @param instances how many projections instances
   * @param webhookUrl the app's webhook URL, or {@code null} for none
   * @param analytics whether the analytics application runs
   */
  public ProjectionsCluster(final CofferStack stack, final Path dir, final int instances, final String webhookUrl,
                            final boolean analytics) throws InterruptedException {
    this.stack = stack;
    this.dir = dir;
    final int partitions = 4;
    eventsTopic = stack.createTopic("it-events", partitions);
    outcomesTopic = stack.createTopic("it-outcomes", partitions);
    final String wallet = stack.createTopic("it-wallet", partitions);
    final String inventory = stack.createTopic("it-inventory", partitions);
    final String purchaseLog = stack.createTopic("it-purchase-log", partitions);
    ledgerDlq = stack.createTopic("it-ledger-dlq", 1);
    final String sequence = stack.createTopic("it-ledger-sequence", partitions);
    final String purchaseIndex = stack.createTopic("it-purchase-index", partitions);
    deadLetters = stack.createTopic("it-webhook-dlq", 1);
    directoryRequests = stack.createTopic("it-directory-requests", partitions);
    directoryTopic = stack.createTopic("it-directory", partitions);
    playerKeys = stack.createTopic("it-player-keys", partitions);
    // Co-partitioned with the outcomes: the projections fold both in one task per player.
    webhookDeliveries = stack.createTopic("it-webhook-deliveries", partitions);
    final Path appsFile = writeApps(dir.resolve("apps.yaml"), webhookUrl);
    app = Apps.load(appsFile).find(APP).orElseThrow();

    ledger = LedgerService.create(LedgerConfig.fromMap(ledgerSettings(stack.uniqueAppId("it-ledger"),
        dir.resolve("ledger"))), registry -> LedgerTopics.withRegistry(registry).named(eventsTopic, sequence,
            outcomesTopic, wallet, inventory, purchaseLog, ledgerDlq, purchaseIndex),
        registry -> DirectoryTopics.withRegistry(registry).named(directoryRequests, directoryTopic, playerKeys))
        .start();
    closeables.add(ledger);

    final RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
    closeables.add(registry);
    // The test writes like the gateway: its players are found or made in the directory.
    directory = new PlayerDirectory(Map.of("bootstrap.servers", stack.bootstrapServers()), registry, Apps.load(
        appsFile), new PlayerDirectory.Settings(
            directoryRequests, directoryTopic, Duration.ofSeconds(60), 1000, stack.uniqueName("it-directory")),
        java.time.Clock.systemUTC());
    closeables.add(directory);
    directory.start(Duration.ofSeconds(30));
    producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(),
        new AvroSerializer<LedgerEvent>(registry, false, true));
    closeables.add(producer);
    final KafkaConsumer<String, LedgerOutcome> consumer = new KafkaConsumer<>(
        stack.consumerConfig(stack.uniqueName("it-outcomes-reader")), new StringDeserializer(),
        new AvroDeserializer<>(registry, LedgerOutcome.class, false));
    consumer.subscribe(List.of(outcomesTopic));
    outcomeReader = Thread.ofPlatform().name("it-outcome-reader").daemon().start(() -> {
      try (consumer) {
        while (reading) {
          for (final ConsumerRecord<String, LedgerOutcome> r : consumer.poll(Duration.ofMillis(100))) {
            outcomes.put(r.value().getEventId().toString(), r.value());
          }
        }
      }
    });

    final String projectionsId = stack.uniqueAppId("it-projections");
    for (int i = 0; i < instances; i++) {
      final Map<String, String> settings = new HashMap<>();
      settings.put(ProjectionsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
      settings.put(ProjectionsConfig.REGISTRY_URL, stack.registryUrl());
      settings.put(ProjectionsConfig.APPS_FILE, appsFile.toString());
      settings.put(StreamsSettings.APPLICATION_ID, projectionsId);
      settings.put(StreamsSettings.STATE_DIR, dir.resolve("projections-" + i).toString());
      settings.put(StreamsSettings.REPLICATION_FACTOR, "1");
      settings.put(StreamsSettings.NUM_STANDBY_REPLICAS, "0");
      settings.put(StreamsSettings.COMMIT_INTERVAL_MS, "200");
      settings.put(ProjectionsConfig.HTTP_PORT, "0");
      settings.put(ProjectionsConfig.TOPIC_OUTCOMES, outcomesTopic);
      settings.put(ProjectionsConfig.TOPIC_PURCHASE_LOG, purchaseLog);
      settings.put(ProjectionsConfig.TOPIC_PURCHASE_INDEX, purchaseIndex);
      settings.put(ProjectionsConfig.TOPIC_WEBHOOK_DEAD_LETTERS, deadLetters);
      settings.put(ProjectionsConfig.TOPIC_WEBHOOK_DELIVERIES, webhookDeliveries);
      // The test's own topics have no installer: their writers register what they write.
      settings.put(ProjectionsConfig.SCHEMAS_AUTO_REGISTER, "true");
      settings.put(ProjectionsConfig.TOPIC_PLAYER_KEYS, playerKeys);
      settings.put(ProjectionsConfig.TOPIC_DIRECTORY, directoryTopic);
      settings.put(ProjectionsConfig.TOPIC_DIRECTORY_REQUESTS, directoryRequests);
      settings.put(ProjectionsConfig.MIN_VERSION_WAIT, "10s");
      settings.put(ProjectionsConfig.FORWARD_TIMEOUT, "20s");
      settings.put(ProjectionsConfig.WEBHOOKS_FROM_BEGINNING, "true");
      settings.put(ProjectionsConfig.WEBHOOK_INITIAL_BACKOFF, "50ms");
      settings.put(ProjectionsConfig.WEBHOOK_MAX_BACKOFF, "200ms");
      settings.put(ProjectionsConfig.WEBHOOK_MAX_ATTEMPTS, "4");
      settings.put(ProjectionsConfig.SHUTDOWN_TIMEOUT, "20s");
      settings.put(ProjectionsConfig.SSE_BUFFER, Integer.toString(SSE_BUFFER));
      settings.put(ProjectionsConfig.SSE_HEARTBEAT, "500ms");
      settings.put(ProjectionsConfig.SSE_MAX_STREAMS_PER_APP, Integer.toString(SSE_MAX_STREAMS));
      settings.put("kafka.group.initial.rebalance.delay.ms", "0");
      settings.put(ConsoleSettings.TOPIC_LEDGER_DEAD_LETTERS, ledgerDlq);
      settings.put(ConsoleSettings.ANALYTICS_ENABLED, Boolean.toString(analytics));
      settings.put(ConsoleSettings.FLUSH, "200ms");
      final ProjectionsService service = ProjectionsService.create(ProjectionsConfig.fromMap(settings)).start();
      projections.add(service);
      closeables.add(service);
    }
    // Both instances RUNNING with each other in the metadata: the group is settled.
    Await.until("projections instances running together", Duration.ofSeconds(60), () -> projections.stream()
        .allMatch(p -> p.streams().state() == KafkaStreams.State.RUNNING
            && p.streams().metadataForAllStreamsClients().size() == instances));
  }

  private Map<String, String> ledgerSettings(final String appId, final Path stateDir) {
    final Map<String, String> m =
        LedgerConfig.singleBroker(stack.bootstrapServers(), stack.registryUrl(), appId, stateDir);
    m.put(LedgerConfig.COMMIT_INTERVAL_MS, "50");
    m.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "32MiB");
    m.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "8MiB");
    m.put(LedgerConfig.HTTP_PORT, "0");
    m.put(LedgerConfig.SHUTDOWN_TIMEOUT, "20s");
    return m;
  }

  private Path writeApps(final Path file, final String webhookUrl) {
    final String webhooks = webhookUrl == null ? "" : """
            webhooks: {url: "%s", secrets: [%s, %s]}
        """.formatted(webhookUrl, WEBHOOK_SECRET, OLD_WEBHOOK_SECRET);
    final String yaml = """
        apps:
          - appId: %s
            keys:
              - {label: server, role: server, sha256: %s}
              - {label: client, role: client, sha256: %s}
            pseudonymKey: pseudonym-key-it-0123456789abcdef0123456789
            playerTokenSecret: token-secret-it-0123456789abcdef0123456789
        %s""".formatted(APP, ApiKeys.sha256Hex(SERVER_KEY), ApiKeys.sha256Hex(CLIENT_KEY), webhooks);
    try {
      return Files.writeString(file, yaml);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The app. */
  public App app() {
    return app;
  }

  /** The projections instances. */
  public List<ProjectionsService> projections() {
    return projections;
  }

  /** The webhook dead-letter topic. */
  public String deadLetterTopic() {
    return deadLetters;
  }

  /** The base URL of instance {@code i}. */
  public String baseUrl(final int i) {
    return "http://127.0.0.1:" + projections.get(i).port();
  }

  /** The {@code host:port} instance {@code i} advertises. */
  public String hostOf(final int i) {
    return "127.0.0.1:" + projections.get(i).port();
  }

  /** Grants {@code coins} coins and {@code swords} swords to {@code playerId}; returns the outcome. */
  public LedgerOutcome grant(final String playerId, final long coins, final long swords) {
    final Grants grants = Grants.newBuilder().setCurrencies(coins > 0 ? Map.of("coins", coins) : Map.of())
        .setItems(swords > 0 ? List.of(new ItemGrant("sword", swords, true)) : List.of()).build();
    return submit(playerId, GrantIssued.newBuilder().setReason("it").setGrants(grants).build());
  }

  /** Erases {@code playerId}; returns the outcome. */
  public LedgerOutcome erase(final String playerId) {
    return submit(playerId, PlayerErased.newBuilder().setReason("gdpr request").build());
  }

  /** Sends one ledger event as the gateway would and waits for its outcome, like a synchronous write. */
  public LedgerOutcome submit(final String playerId, final Object payload) {
    final UUID eventId = send(playerId, payload);
    return awaitOutcome(eventId);
  }

  /** Sends a store purchase keyed by its receipt, as the gateway does, and waits for its outcome. */
  public LedgerOutcome purchase(final String playerId, final PurchaseVerified purchase) {
    return awaitOutcome(send(playerId, purchase, APP + "|receipt|"
        + purchase.getStore().name().toLowerCase(Locale.ROOT) + "|" + purchase.getTransactionId()));
  }

  /** Sends a store notification's event under the system key {@code name} and waits for its outcome. */
  public LedgerOutcome notification(final String playerId, final String name, final Object payload) {
    return awaitOutcome(send(playerId, payload, APP + "|system|" + player(playerId).playerRef() + "|" + name));
  }

  /**
   * Sends one ledger event with a caller's dedupe key and does not wait: for an event the ledger parks in
   * its dead-letter topic (a purchase must be keyed by its receipt), which has no outcome.
   */
  public UUID sendOnly(final String playerId, final Object payload) {
    return send(playerId, payload);
  }

  /** The ledger's dead-letter topic. */
  public String ledgerDeadLetterTopic() {
    return ledgerDlq;
  }

  /** The outcome of {@code eventId}, once the ledger wrote it. */
  public LedgerOutcome awaitOutcome(final UUID eventId) {
    return Await.value("the outcome of " + eventId, Duration.ofSeconds(60),
        () -> Optional.ofNullable(outcomes.get(eventId.toString())));
  }

  /** Sends a grant without waiting for its outcome; returns its eventId. */
  public UUID sendGrant(final String playerId, final long coins, final long swords) {
    final Grants grants = Grants.newBuilder().setCurrencies(Map.of("coins", coins))
        .setItems(List.of(new ItemGrant("sword", swords, true))).build();
    return send(playerId, GrantIssued.newBuilder().setReason("load").setGrants(grants).build());
  }

  private UUID send(final String playerId, final Object payload) {
    return send(playerId, payload, APP + "|player|" + player(playerId).playerRef() + "|" + UUID.randomUUID());
  }

  private UUID send(final String playerId, final Object payload, final String dedupeKey) {
    final String ref = player(playerId).playerRef();
    final String idempotencyKey = dedupeKey.substring(dedupeKey.lastIndexOf('|') + 1);
    final UUID eventId = UUID.randomUUID();
    final LedgerEvent event = LedgerEvent.newBuilder().setEventId(eventId).setAppId(APP).setPlayerRef(ref)
        .setIdempotencyKey(idempotencyKey).setDedupeKey(dedupeKey).setOccurredAt(Instant.now())
        .setRequestId("it-" + eventId).setPayload(payload).build();
    try {
      producer.send(new ProducerRecord<>(eventsTopic, dedupeKey, event)).get(30, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new AssertionError("cannot send a ledger event", e);
    }
    return eventId;
  }

  /** The player key of {@code playerId}. */
  public String playerKey(final String playerId) {
    return player(playerId).playerKey();
  }

  /** The player {@code playerId}, made in the directory if new, as the gateway does on a write. */
  public PlayerIdentity player(final String playerId) {
    return directory.await(directory.create(app, playerId));
  }

  /** Erases {@code playerId} from the directory as the gateway does once the ledger applied its erasure. */
  public PlayerIdentity eraseFromDirectory(final String playerId, final LedgerOutcome erasure) {
    return directory.await(directory.erase(app, playerId, player(playerId), erasure.getEventId().toString(),
        erasure.getVersion()));
  }

  /** The players' data keys topic. */
  public String playerKeysTopic() {
    return playerKeys;
  }

  @Override
  public void close() {
    reading = false;
    for (final AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (final Exception e) {
        throw new IllegalStateException("closing the cluster failed", e);
      }
    }
  }
}
