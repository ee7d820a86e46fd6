package dev.coffer.ledger.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The ledger's operations HTTP server: {@code GET /health} and {@code GET /metrics}. Not the
 * ledger's API (that is the gateway and projections); bind it to an internal address.
 *
 * <p>{@code /health} answers 200 only while the Streams state is RUNNING or REBALANCING (a
 * rebalance is a normal, short part of running), 503 otherwise (CREATED, PENDING_SHUTDOWN,
 * NOT_RUNNING, PENDING_ERROR, ERROR), with {@code {"state": "..."}} either way.
 */
public final class OpsServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin app;

  private OpsServer(final Javalin app) {
    this.app = app;
  }

  /**
   * Starts the server.
   *
   * @param host the bind address
   * @param port the port, 0 for any free one
   * @param state the Streams state now
   * @param metrics the metrics to scrape
   * @return the started server
   */
  public static OpsServer start(final String host, final int port, final Supplier<KafkaStreams.State> state,
                                final LedgerMetrics metrics) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(metrics, "metrics");
    final ObjectMapper json = new ObjectMapper();
    final Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = host;
      config.jetty.port = port;
      config.routes.get("/health", ctx -> {
        final KafkaStreams.State now = state.get();
        final boolean healthy = isHealthy(now);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "UP" : "DOWN");
        body.put("state", now == null ? "NOT_STARTED" : now.name());
        ctx.status(healthy ? 200 : 503).contentType("application/json").result(toJson(json, body));
      });
      config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    });
    app.start();
    return new OpsServer(app);
  }

  /** Whether a Streams state counts as healthy: RUNNING or REBALANCING. */
  public static boolean isHealthy(final KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  private static String toJson(final ObjectMapper json, final Map<String, Object> body) {
    try {
      return json.writeValueAsString(body);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write health body", e);
    }
  }

  /** The port the server listens on (useful when started on port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
