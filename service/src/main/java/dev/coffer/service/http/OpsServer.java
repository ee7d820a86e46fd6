package dev.coffer.service.http;

import dev.coffer.service.health.Health;
import dev.coffer.service.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * An operations HTTP server of its own: {@code /live}, {@code /ready}, {@code /health},
 * {@code /metrics} and the service's further operations endpoints. The ledger's only server; for
 * the gateway and projections, what {@code ops.port} moves off the public API port.
 */
public final class OpsServer implements AutoCloseable {
  private final Javalin javalin;

  private OpsServer(final Javalin javalin) {
    this.javalin = javalin;
  }

  /**
   * Starts the server.
   *
   * @param host the bind address
   * @param port the port, 0 for any free one
   * @param health the service's health
   * @param metrics the service's metrics
   * @param extra further operations endpoints, by path
   * @return the running server
   */
  public static OpsServer start(final String host, final int port, final Health health, final ServiceMetrics metrics,
                                final Map<String, Handler> extra) {
    final Javalin javalin = Javalin.create(config -> {
      ServiceHttp.server(config, host, port, metrics, health);
      ServiceHttp.operations(config, metrics, extra);
    });
    javalin.start();
    return new OpsServer(javalin);
  }

  /** The port it listens on. */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
