package dev.coffer.gateway;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.InitialCatalog;
import dev.coffer.gateway.catalog.CatalogJson;
import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.catalog.CatalogWriter;
import dev.coffer.gateway.http.GatewayHttp;
import dev.coffer.gateway.http.HttpParts;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.OutcomeWaiter;
import dev.coffer.gateway.ledger.RecordSender;
import dev.coffer.gateway.notifications.PurchaseIndex;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.purchases.PurchaseRequests;
import dev.coffer.gateway.ratelimit.TokenBuckets;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.topics.CofferTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  private final List<AutoCloseable> parts = new ArrayList<>();
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private GatewayHttp http;
  private RecordSender sender;
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
      gateway.startParts(Apps.load(config.appsFile()), Clock.systemUTC());
      return gateway;
    } catch (final RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  /** Starts with already loaded apps and a given clock (tests). */
  public static Gateway start(final GatewayConfig config, final Apps apps, final Clock clock) {
    final Gateway gateway = new Gateway(config);
    try {
      gateway.startParts(apps, clock);
      return gateway;
    } catch (final RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private void startParts(final Apps apps, final Clock clock) {
    final Map<String, AppStores> stores = new HashMap<>();
    for (final App app : apps.all()) {
      stores.put(app.appId(), AppStores.of(app, clock));
    }
    final Map<String, Object> client = new HashMap<>(config.kafka());
    client.put("bootstrap.servers", config.bootstrapServers());
    final RestSchemaRegistry registry = own(new RestSchemaRegistry(config.registryUrl()));
    sender = own(new RecordSender(client, registry, config.produceTimeout()));
    final OutcomeWaiter outcomes = own(new OutcomeWaiter(client, registry, CofferTopics.LEDGER_OUTCOMES.name()));
    outcomes.start(config.catalogLoadTimeout());
    final CatalogView catalog = own(new CatalogView(client, registry, CofferTopics.CATALOG.name()));
    catalog.start(config.catalogLoadTimeout());
    final PurchaseIndex purchases = own(new PurchaseIndex(client, registry, CofferTopics.PURCHASE_LOG.name()));
    purchases.start(config.catalogLoadTimeout());
    final CatalogWriter catalogWriter = new CatalogWriter(sender, catalog, CofferTopics.CATALOG.name(),
        config.produceTimeout(), clock);
    seed(apps, catalog, catalogWriter);

    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    own(new JvmGcMetrics()).bindTo(metrics);
    Gauge.builder("coffer.gateway.outcomes.waiting", outcomes, OutcomeWaiter::waitingCount)
        .description("Requests waiting for their ledger outcome").register(metrics);

    final EventSubmitter submitter = new EventSubmitter(sender, outcomes, CofferTopics.LEDGER_EVENTS.name(),
        CofferTopics.LEDGER_SEQUENCE.name(), config.outcomeWait());
    http = GatewayHttp.start(config.httpHost(), config.httpPort(), new HttpParts(config, apps, stores,
        new TokenBuckets(config.appRate(), System::nanoTime), new TokenBuckets(config.playerRate(), System::nanoTime),
        clock, submitter, sender, new PurchaseRequests(catalog, clock), new PlayerRequests(catalog, clock), catalog,
        catalogWriter, new StoreNotifications(catalog, purchases, clock),
        () -> !closed && outcomes.healthy() && catalog.healthy() && purchases.healthy(), metrics));
    LOG.info("Gateway listening on http://{}:{} for apps {}", config.httpHost(), http.port(),
        apps.all().stream().map(App::appId).toList());
  }

  /** Writes each app's initial catalog entries that are not in the catalog yet. */
  private static void seed(final Apps apps, final CatalogView catalog, final CatalogWriter writer) {
    for (final App app : apps.all()) {
      final InitialCatalog initial = app.catalog();
      for (final InitialCatalog.Item item : initial.items()) {
        if (catalog.item(app.appId(), item.itemId()).isEmpty()) {
          writer.put(app.appId(), CatalogJson.item(item));
        }
      }
      for (final InitialCatalog.Product product : initial.products()) {
        if (catalog.product(app.appId(), product.productId()).isEmpty()) {
          writer.put(app.appId(), CatalogJson.product(product));
        }
      }
    }
  }

  private <T extends AutoCloseable> T own(final T part) {
    parts.add(part);
    return part;
  }

  /** The HTTP port. */
  public int port() {
    return http.port();
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
    RuntimeException failure = null;
    if (http != null) {
      try {
        http.close();
      } catch (final RuntimeException e) {
        failure = e;
      }
    }
    for (int i = parts.size() - 1; i >= 0; i--) {
      final AutoCloseable part = parts.get(i);
      try {
        if (part instanceof RecordSender s) {
          s.close(config.shutdownTimeout());
        } else {
          part.close();
        }
      } catch (final Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the gateway failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    metrics.close();
    LOG.info("Gateway stopped");
    if (failure != null) {
      throw failure;
    }
  }
}
