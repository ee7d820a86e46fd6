package dev.coffer.gateway;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.apps.InitialCatalog;
import dev.coffer.gateway.catalog.CatalogJson;
import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.catalog.CatalogWriter;
import dev.coffer.gateway.catalog.StoreSkus;
import dev.coffer.gateway.http.GatewayHttp;
import dev.coffer.gateway.http.HttpParts;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.OutcomeWaiter;
import dev.coffer.gateway.ledger.RecordSender;
import dev.coffer.gateway.notifications.PurchaseIndex;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.gateway.notifications.StripeEvents;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.purchases.PurchaseRequests;
import dev.coffer.gateway.purchases.StoreOptions;
import dev.coffer.gateway.ratelimit.TokenBuckets;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.health.Health;
import dev.coffer.service.http.OpsServer;
import dev.coffer.service.lifecycle.Closer;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.topics.TypedTopics;
import dev.coffer.topics.WriterSubjects;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ingest gateway: the producer, the outcome, catalog and purchase followers, and the
 * HTTP server, started in dependency order and stopped in reverse (HTTP first, so requests in flight
 * finish before the producer flushes and closes).
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Closer parts = new Closer("the gateway");
  private final ServiceMetrics metrics = parts.register(new ServiceMetrics());
  private final Health health = new Health();
  private GatewayHttp http;
  private OpsServer ops;
  private volatile boolean closed;

  private Gateway(final GatewayConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Starts a gateway: loads the apps file (failing on the first bad key), reads the catalog and the
   * purchase index to their ends, seeds each app's initial catalog entries that are missing, and opens
   * HTTP.
   *
   * @param config the configuration
   * @return the running gateway
   */
  public static Gateway start(final GatewayConfig config) {
    final Gateway gateway = new Gateway(config);
    try {
      gateway.startParts(Apps.load(config.appsFile()), Map.of(), Clock.systemUTC());
      return gateway;
    } catch (final RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  /** Starts with already loaded apps and a given clock (tests). */
  public static Gateway start(final GatewayConfig config, final Apps apps, final Clock clock) {
    return start(config, apps, Map.of(), clock);
  }

  /**
   * Starts with already loaded apps, store options that replace what the apps file says for the apps named
   * (tests), and a given clock.
   */
  public static Gateway start(final GatewayConfig config, final Apps apps, final Map<String, StoreOptions> options,
                              final Clock clock) {
    final Gateway gateway = new Gateway(config);
    try {
      gateway.startParts(apps, options, clock);
      return gateway;
    } catch (final RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private void startParts(final Apps apps, final Map<String, StoreOptions> options, final Clock clock) {
    final Map<String, AppStores> stores = new HashMap<>();
    for (final App app : apps.all()) {
      // The apps file's store options, unless the caller gives the app its own (tests).
      final StoreOptions given = options.get(app.appId());
      stores.put(app.appId(), given == null ? AppStores.of(app, clock) : AppStores.of(app, given, clock));
    }
    final Map<String, Object> client = new HashMap<>(config.kafka());
    client.put("bootstrap.servers", config.bootstrapServers());
    final RestSchemaRegistry registry = parts.register(new RestSchemaRegistry(config.registryUrl()));
    final TypedTopics topics = TypedTopics.withRegistry(registry, config.schemasAutoRegister());
    // Auto-registration off: this build's schemas must be installed already (named if not).
    WriterSubjects.requireRegistered(List.of(topics.ledgerEvents(), topics.ledgerSequence(), topics.catalog(),
        topics.playerDirectoryRequests()));
    // The producer flushes within the shutdown timeout, after the followers and HTTP have stopped.
    final RecordSender sender = new RecordSender(client, config.produceTimeout());
    parts.register(() -> sender.close(config.shutdownTimeout()));
    sender.bindMetrics(metrics);
    final OutcomeWaiter outcomes = parts.register(new OutcomeWaiter(client, topics.ledgerOutcomes()));
    outcomes.bindMetrics(metrics);
    outcomes.start(config.catalogLoadTimeout());
    final CatalogView catalog = parts.register(new CatalogView(client, topics.catalog()));
    catalog.bindMetrics(metrics);
    catalog.start(config.catalogLoadTimeout());
    final PurchaseIndex purchases = new PurchaseIndex(config.projections(), apps);
    if (config.projections() == null) {
      LOG.warn("{} is not set: store notifications about recorded purchases will answer 503 "
          + "PURCHASE_INDEX_UNAVAILABLE, and GET /v1/apps/{{appId}}/events/{{eventId}} (the Location of every 202) "
          + "503 PROJECTIONS_UNAVAILABLE", GatewayConfig.PROJECTIONS_URL);
    }
    final CatalogWriter catalogWriter = new CatalogWriter(sender, catalog, topics.catalog(), config.produceTimeout(),
        clock);
    seed(apps, catalog, catalogWriter);
    final PlayerDirectory directory = parts.register(new PlayerDirectory(client, registry, apps,
        new PlayerDirectory.Settings(topics.playerDirectoryRequests().name(), topics.playerDirectory().name(),
            config.directoryTimeout(), config.directoryCacheSize(), "coffer-gateway"), clock));
    directory.bindMetrics(metrics);
    directory.start(config.catalogLoadTimeout());

    Gauge.builder("coffer.gateway.outcomes.waiting", outcomes, OutcomeWaiter::waitingCount)
        .description("Requests waiting for their ledger outcome").register(metrics.registry());
    // A follower that died never comes back: not live. Stopping: live, but not ready.
    health.live("outcome-follower", () -> outcomes.healthy() ? Optional.empty() : Optional.of("not following"))
        .live("catalog-follower", () -> catalog.healthy() ? Optional.empty() : Optional.of("not following"))
        .live("directory-follower", () -> directory.healthy() ? Optional.empty() : Optional.of("not following"))
        .ready("accepting", () -> closed ? Optional.of("stopping") : Optional.empty());

    final EventSubmitter submitter = new EventSubmitter(sender, outcomes, topics.ledgerEvents(),
        topics.ledgerSequence(), config.outcomeWait(), metrics.registry());
    http = GatewayHttp.start(config.httpHost(), config.httpPort(), new HttpParts(config, apps, stores,
        new TokenBuckets(config.appRate(), System::nanoTime), new TokenBuckets(config.playerRate(), System::nanoTime),
        clock, submitter, sender, new PurchaseRequests(catalog, clock), new PlayerRequests(catalog, clock), catalog,
        catalogWriter, new StoreNotifications(catalog, purchases, clock),
        new StripeEvents(catalog, purchases, clock, directory), directory, health, metrics));
    if (config.opsPort() != null) {
      ops = OpsServer.start(config.httpHost(), config.opsPort(), health, metrics, Map.of());
    }
    LOG.info("Gateway listening on http://{}:{} for apps {}{}", config.httpHost(), http.port(),
        apps.all().stream().map(App::appId).toList(), ops == null ? "" : "; ops on port " + ops.port());
  }

  /**
   * Writes each app's initial catalog entries that are not in the catalog yet. Refuses to start (naming
   * both products) when the apps file gives one store product id to two products, or when what it would
   * add gives a product a store product id another product of the catalog has.
   */
  private static void seed(final Apps apps, final CatalogView catalog, final CatalogWriter writer) {
    for (final App app : apps.all()) {
      final InitialCatalog initial = app.catalog();
      final List<Product> declared = initial.products().stream().map(CatalogJson::product).toList();
      final List<Product> missing = declared.stream()
          .filter(p -> catalog.product(app.appId(), p.getProductId()).isEmpty()).toList();
      final Optional<StoreSkus.Clash> clash = StoreSkus.firstClash(declared)
          .or(() -> catalog.clashAfter(app.appId(), missing, false));
      if (clash.isPresent()) {
        throw new AppsConfigException("apps[" + app.appId() + "].catalog.products", clash.get().describe());
      }
      for (final InitialCatalog.Item item : initial.items()) {
        if (catalog.item(app.appId(), item.itemId()).isEmpty()) {
          writer.put(app.appId(), CatalogJson.item(item));
        }
      }
      for (final Product product : missing) {
        writer.put(app.appId(), product);
      }
    }
  }

  /** The HTTP port. */
  public int port() {
    return http.port();
  }

  /** The port of the ops server ({@code ops.port}), if one runs. */
  public Optional<Integer> opsPort() {
    return Optional.ofNullable(ops).map(OpsServer::port);
  }

  /** The configuration. */
  public GatewayConfig config() {
    return config;
  }

  /** Stops HTTP (requests in flight finish), then the followers, then flushes and closes the producer. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Registered last, so closed first: no request arrives at parts already closed.
    if (ops != null) {
      parts.register(ops);
    }
    if (http != null) {
      parts.register(http);
    }
    parts.close();
    LOG.info("Gateway stopped");
  }
}
