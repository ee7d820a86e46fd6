package dev.coffer.projections.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.changes.ChangeFeed;
import dev.coffer.projections.console.ConsoleHttp;
import dev.coffer.projections.players.RecentViews;
import dev.coffer.projections.players.VersionWatch;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.service.auth.InternalToken;
import dev.coffer.service.health.Health;
import dev.coffer.service.http.ApiDocs;
import dev.coffer.service.http.ServiceHttp;
import dev.coffer.service.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseHandler;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The projections' HTTP server: the read API ({@link PlayerReads}), server-sent events
 * ({@link EventStreams}), the gateway's purchase index lookups ({@link PurchaseIndexReads}), the operator
 * console ({@link ConsoleHttp}), its API documentation ({@link ApiDocs}: {@code /openapi.yaml}, Swagger UI at
 * {@code /docs}), and what every Coffer server has ({@link ServiceHttp}:
 * request ids, problem details, HTTP metrics, {@code /live}, {@code /ready}, {@code /health}, and
 * {@code /metrics} and {@code /instances} unless {@code ops.port} moves them to a server of their
 * own). Requests run on virtual threads: a read waiting for {@code ?minVersion} or forwarded to its
 * owner holds no platform thread.
 */
public final class ProjectionsHttp implements AutoCloseable {
  private static final String PLAYER = "/v1/apps/{appId}/players/{playerId}";
  private static final String PURCHASE_INDEX = "/internal/v1/apps/{appId}/purchase-index/{store}/{storeId}";

  private final Javalin app;
  private final PlayerReads reads;

  private ProjectionsHttp(final Javalin app, final PlayerReads reads) {
    this.app = app;
    this.reads = reads;
  }

  /**
   * What the server is built from.
   *
   * @param access authentication over the apps file
   * @param queries the interactive queries of this instance
   * @param recent the player views written here lately, read before the store
   * @param forwarder forwards reads to the owner
   * @param watch version waits
   * @param json the JSON mapper
   * @param settings waits and retries
   * @param changes the live change feed, or {@code null} when server-sent events are off
   * @param health liveness and readiness
   * @param metrics the metrics
   * @param opsElsewhere whether {@code /metrics} and {@code /instances} are on an ops server of their own
   * @param servedBy this instance's {@code host:port}, sent as {@link Forwarder#SERVED_BY_HEADER}
   * @param internalToken what {@code /internal} endpoints require, or {@code null}: they refuse everyone
   * @param console the operator console ({@link ConsoleHttp})
   */
  public record Parts(Access access, InteractiveQueries queries, RecentViews recent, Forwarder forwarder,
                      VersionWatch watch,
                      ObjectMapper json, PlayerReads.Settings settings, ChangeFeed changes, Health health,
                      ServiceMetrics metrics, boolean opsElsewhere, Supplier<String> servedBy,
                      InternalToken internalToken, ConsoleHttp.Parts console) {
  }

  /**
   * Starts the server.
   *
   * @param host the bind address
   * @param port the port, 0 for any free one
   * @param parts what it is built from
   * @return the started server
   */
  public static ProjectionsHttp start(final String host, final int port, final Parts parts) {
    final JsonReplies replies = new JsonReplies(parts.json());
    final PlayerRouting routing = new PlayerRouting(parts.access(), parts.queries(), parts.recent(), parts.forwarder(),
        new VersionWait(parts.watch(), parts.settings().minVersionWait(), parts.settings().retryAfterSeconds()),
        replies, parts.settings().retryAfterSeconds());
    final PlayerReads reads = new PlayerReads(parts.access(), parts.queries(), parts.recent(), routing, replies,
        parts.settings().clock());
    final EventStreams streams = new EventStreams(parts.access(), parts.changes(), replies);
    final PurchaseIndexReads index = new PurchaseIndexReads(parts.queries(), routing, parts.internalToken());
    final Javalin app = Javalin.create(config -> {
      ServiceHttp.server(config, host, port, parts.metrics(), parts.health());
      if (!parts.opsElsewhere()) {
        ServiceHttp.operations(config, parts.metrics(), Map.of("/instances", reads::instances));
      }
      // The owner's answer relayed by a forwarder keeps the owner's name (the relay overwrites it).
      config.routes.before(ctx -> ctx.header(Forwarder.SERVED_BY_HEADER, parts.servedBy().get()));
      config.routes.get(PLAYER + "/wallet", route("/wallet", reads::wallet));
      config.routes.get(PLAYER + "/inventory", route("/inventory", reads::inventory));
      config.routes.get(PLAYER + "/purchases", route("/purchases", reads::purchases));
      config.routes.get(PLAYER + "/ledger", route("/ledger", reads::ledger));
      config.routes.get(PLAYER + "/export", route("/export", reads::export));
      config.routes.get("/v1/apps/{appId}/events/{eventId}",
          ServiceHttp.route("/v1/apps/{appId}/events/{eventId}", reads::event));
      config.routes.get(PURCHASE_INDEX, ServiceHttp.route(PURCHASE_INDEX, index::lookup));
      // Admission in the stream's own handler, not a before-handler on its path: every request would try
      // that path's pattern, and a player read matches it deep into the path before failing.
      final SseHandler stream = new SseHandler(streams::stream);
      config.routes.get(PLAYER + "/events/stream", route("/events/stream", ctx -> {
        streams.admit(ctx);
        stream.handle(ctx);
      }));
      ConsoleHttp.install(config, parts.console());
      ApiDocs.install(config, ProjectionsHttp.class, "/dev/coffer/projections/http/openapi.yaml");
    });
    app.start();
    return new ProjectionsHttp(app, reads);
  }

  private static Handler route(final String view, final Handler handler) {
    return ServiceHttp.route(PLAYER + view, handler);
  }

  /** {@code GET /instances}, for an ops server of its own. */
  public Handler instances() {
    return reads::instances;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
