package dev.coffer.projections.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projections' HTTP server: the read API ({@link PlayerReads}), {@code /health},
 * {@code /metrics} (Prometheus), {@code /openapi.yaml}, and problem answers
 * ({@code application/problem+json}) for every error. Requests run on virtual threads: a read
 * waiting for {@code ?minVersion} or forwarded to its owner holds no platform thread.
 */
public final class ProjectionsHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionsHttp.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAYER = "/v1/apps/{appId}/players/{playerId}";

  private final Javalin app;

  private ProjectionsHttp(final Javalin app) {
    this.app = app;
  }

  /**
   * Starts the server.
   *
   * @param host the bind address
   * @param port the port, 0 for any free one
   * @param reads the read endpoints
   * @param state the Streams state now ({@code null} before start)
   * @param failedParts background parts (change feed, webhook dispatcher) that stopped on their own, by
   *     name, with why: any makes {@code /health} DOWN
   * @param meters where request timers go
   * @param scrape the Prometheus text of every metric
   * @param json the JSON mapper
   * @param servedBy this instance's {@code host:port}, sent as {@link Forwarder#SERVED_BY_HEADER}
   * @return the started server
   */
  public static ProjectionsHttp start(final String host, final int port, final PlayerReads reads,
                                      final Supplier<KafkaStreams.State> state,
                                      final Supplier<Map<String, String>> failedParts, final MeterRegistry meters,
                                      final Supplier<String> scrape, final ObjectMapper json,
                                      final Supplier<String> servedBy) {
    Objects.requireNonNull(reads, "reads");
    final byte[] openApi = openApi();
    final Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = host;
      config.jetty.port = port;
      config.concurrency.useVirtualThreads = true;
      // The owner's answer relayed by a forwarder keeps the owner's name (the relay overwrites it).
      config.routes.before(ctx -> ctx.header(Forwarder.SERVED_BY_HEADER, servedBy.get()));
      config.routes.get(PLAYER + "/wallet", timed(meters, "wallet", reads::wallet));
      config.routes.get(PLAYER + "/inventory", timed(meters, "inventory", reads::inventory));
      config.routes.get(PLAYER + "/purchases", timed(meters, "purchases", reads::purchases));
      config.routes.get(PLAYER + "/ledger", timed(meters, "ledger", reads::ledger));
      config.routes.get(PLAYER + "/export", timed(meters, "export", reads::export));
      config.routes.get("/v1/apps/{appId}/events/{eventId}", timed(meters, "event", reads::event));
      config.routes.before(PLAYER + "/events/stream", reads::authenticateStream);
      config.routes.sse(PLAYER + "/events/stream", reads::stream);
      config.routes.get("/instances", reads::instances);
      config.routes.get("/health", ctx -> health(ctx, state.get(), failedParts.get(), json));
      config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(scrape.get()));
      config.routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
      config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e, json));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        problem(ctx, new ProblemException(500, "INTERNAL", "an internal error occurred"), json);
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null) {
          problem(ctx, new ProblemException(404, "NOT_FOUND", "no such endpoint: " + ctx.path()), json);
        }
      });
    });
    app.start();
    return new ProjectionsHttp(app);
  }

  /** Times a handler as {@code coffer.projections.http} tagged by endpoint and status. */
  private static Handler timed(final MeterRegistry meters, final String endpoint, final Handler handler) {
    return ctx -> {
      final Timer.Sample sample = Timer.start(meters);
      int status = 500;
      try {
        handler.handle(ctx);
        status = ctx.statusCode();
      } catch (final ProblemException e) {
        status = e.status();
        throw e;
      } finally {
        sample.stop(Timer.builder("coffer.projections.http").description("projections read requests")
            .tag("endpoint", endpoint).tag("status", Integer.toString(status)).register(meters));
      }
    };
  }

  private static void health(final Context ctx, final KafkaStreams.State state, final Map<String, String> failed,
                             final ObjectMapper json) throws JsonProcessingException {
    // Reads are answered only while RUNNING; a rebalance is healthy but not ready. A webhook dispatcher
    // or change feed that died is DOWN too: webhooks and SSE would otherwise stop without a sign.
    final boolean healthy = (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)
        && failed.isEmpty();
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", healthy ? "UP" : "DOWN");
    body.put("ready", state == KafkaStreams.State.RUNNING);
    body.put("state", state == null ? "NOT_STARTED" : state.name());
    if (!failed.isEmpty()) {
      body.put("failed", failed);
    }
    ctx.status(healthy ? 200 : 503).contentType("application/json").result(json.writeValueAsString(body));
  }

  private static void problem(final Context ctx, final ProblemException e, final ObjectMapper json) {
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    try {
      ctx.status(e.status()).contentType(Problem.MEDIA_TYPE).result(json.writeValueAsString(e.problem()));
    } catch (final JsonProcessingException failure) {
      throw new IllegalStateException("cannot write a problem body", failure);
    }
  }

  private static byte[] openApi() {
    try (InputStream in = ProjectionsHttp.class.getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("dev/coffer/projections/http/openapi.yaml is missing from the jar");
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document", e);
    }
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
