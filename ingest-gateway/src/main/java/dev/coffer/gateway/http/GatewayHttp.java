package dev.coffer.gateway.http;

import dev.coffer.gateway.GatewayConfig;
import dev.coffer.service.http.ApiDocs;
import dev.coffer.service.http.ServiceHttp;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * The gateway's HTTP server: every route, plus what every Coffer server has ({@link ServiceHttp}:
 * request ids, problem details, HTTP metrics, {@code /live}, {@code /ready}, {@code /health}, and
 * {@code /metrics} unless {@code ops.port} moves it to a server of its own) and its API documentation
 * ({@link ApiDocs}: {@code /openapi.yaml}, Swagger UI at {@code /docs}). Requests run on virtual
 * threads; writes wait for their outcome without holding a thread.
 */
public final class GatewayHttp implements AutoCloseable {
  /** The base path of every app's API. */
  public static final String APP = "/v1/apps/{appId}";

  private final Javalin javalin;

  /**
   * The endpoints, grouped by domain.
   *
   * @param purchases {@code /purchases}
   * @param players {@code /players/...}
   * @param catalog {@code /catalog/...}
   * @param migration {@code /migrate/...}
   * @param notifications {@code /notifications/...}
   * @param reconcile {@code /subscriptions/reconcile}
   * @param events {@code /events/{eventId}} (from projections)
   */
  record Endpoints(PurchasesApi purchases, PlayersApi players, CatalogApi catalog, MigrationApi migration,
                   NotificationsApi notifications, ReconcileApi reconcile, EventsApi events) {
  }

  private GatewayHttp(final Javalin javalin) {
    this.javalin = javalin;
  }

  /**
   * Starts the server.
   *
   * @param host bind address
   * @param port port, 0 for any
   * @param parts what the endpoints are built from
   * @return the running server
   */
  public static GatewayHttp start(final String host, final int port, final HttpParts parts) {
    final GatewayConfig c = parts.config();
    final Access access = new Access(parts.apps(), parts.stores(), parts.perApp(), parts.perPlayer(), parts.clock(),
        parts.directory());
    final Endpoints endpoints = new Endpoints(
        new PurchasesApi(access, parts.purchases(), parts.submitter(), c.maxBodyBytes()),
        new PlayersApi(access, parts.players(), parts.submitter(), c.maxBodyBytes()),
        new CatalogApi(access, parts.catalog(), parts.catalogWriter(), c.maxBodyBytes(), c.maxBulkBodyBytes()),
        new MigrationApi(access, parts.players(), parts.submitter(), c.maxBulkBodyBytes()),
        new NotificationsApi(access, parts.notifications(), parts.stripe(), parts.submitter(), c.maxBodyBytes()),
        new ReconcileApi(access, parts.notifications(), parts.submitter(), c.maxBodyBytes()),
        new EventsApi(c.projections()));
    return start(host, port, Math.max(c.maxBodyBytes(), c.maxBulkBodyBytes()), endpoints, parts);
  }

  private static GatewayHttp start(final String host, final int port, final long maxRequestBytes,
                                   final Endpoints endpoints, final HttpParts parts) {
    final Javalin javalin = Javalin.create(config -> {
      ServiceHttp.server(config, host, port, parts.metrics(), parts.health());
      config.http.maxRequestSize = maxRequestBytes;
      if (parts.config().opsPort() == null) {
        ServiceHttp.operations(config, parts.metrics(), Map.of());
      }
      routes(config, endpoints);
    });
    javalin.start();
    return new GatewayHttp(javalin);
  }

  private static void routes(final JavalinConfig config, final Endpoints e) {
    final var r = config.routes;
    r.post(APP + "/purchases", route("/purchases", e.purchases()::purchase));
    r.post(APP + "/players/{playerId}/grants", route("/players/{playerId}/grants", e.players()::grant));
    r.post(APP + "/players/{playerId}/spend", route("/players/{playerId}/spend", e.players()::spend));
    r.post(APP + "/players/{playerId}/items/{instanceId}/consume",
        route("/players/{playerId}/items/{instanceId}/consume", e.players()::consume));
    r.delete(APP + "/players/{playerId}", route("/players/{playerId}", e.players()::erase));
    r.post(APP + "/migrate/{kind}", route("/migrate/{kind}", e.migration()::migrate));
    r.post(APP + "/notifications/apple", route("/notifications/apple", e.notifications()::apple));
    r.post(APP + "/notifications/google", route("/notifications/google", e.notifications()::google));
    r.post(APP + "/notifications/stripe", route("/notifications/stripe", e.notifications()::stripe));
    r.post(APP + "/subscriptions/reconcile", route("/subscriptions/reconcile", e.reconcile()::reconcile));
    r.get(APP + "/catalog/products", route("/catalog/products", e.catalog()::listProducts));
    r.get(APP + "/catalog/products/{productId}", route("/catalog/products/{productId}", e.catalog()::getProduct));
    r.put(APP + "/catalog/products/{productId}", route("/catalog/products/{productId}", e.catalog()::putProduct));
    r.delete(APP + "/catalog/products/{productId}",
        route("/catalog/products/{productId}", e.catalog()::deleteProduct));
    r.get(APP + "/catalog/items", route("/catalog/items", e.catalog()::listItems));
    r.get(APP + "/catalog/items/{itemId}", route("/catalog/items/{itemId}", e.catalog()::getItem));
    r.put(APP + "/catalog/items/{itemId}", route("/catalog/items/{itemId}", e.catalog()::putItem));
    r.delete(APP + "/catalog/items/{itemId}", route("/catalog/items/{itemId}", e.catalog()::deleteItem));
    r.get(APP + "/events/{eventId}", route("/events/{eventId}", e.events()::event));
    r.get(APP + "/catalog/export", route("/catalog/export", e.catalog()::export));
    r.post(APP + "/catalog/import", route("/catalog/import", e.catalog()::importCatalog));
    ApiDocs.install(config, GatewayHttp.class, "/openapi.yaml");
  }

  /** An app endpoint, named for metrics by its full route template. */
  private static Handler route(final String template, final Handler handler) {
    return ServiceHttp.route(APP + template, handler);
  }

  /** The port the server listens on. */
  public int port() {
    return javalin.port();
  }

  /** Stops accepting requests and finishes those in flight (Jetty's graceful stop). */
  @Override
  public void close() {
    javalin.stop();
  }
}
