package dev.coffer.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.service.health.Health;
import dev.coffer.service.json.PooledJson;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.problem.ProblemJson;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every Coffer HTTP server does the same way, installed on a Javalin configuration: a request
 * id per request (the caller's {@code X-Request-Id} if well-formed, else a new UUID; echoed on the
 * answer and put in the log MDC as {@value #MDC_REQUEST_ID}), HTTP metrics by route template
 * ({@link ServiceMetrics#recordHttp}), errors as problem details ({@link ProblemJson}), and the ops
 * endpoints: {@code /live}, {@code /ready}, {@code /health} (an alias of {@code /ready}) and
 * {@code /metrics}.
 */
public final class ServiceHttp {
  /** The header of the request id. */
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  /** The MDC key of the request id. */
  public static final String MDC_REQUEST_ID = "requestId";
  /** Prometheus' text format. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(ServiceHttp.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final String REQUEST_ID_ATTRIBUTE = "coffer.requestId";
  private static final String ROUTE_ATTRIBUTE = "coffer.route";
  private static final ObjectMapper JSON = PooledJson.mapper();

  private ServiceHttp() {
  }

  /**
   * Makes {@code config} a Coffer server: bound to {@code host:port}, requests on virtual threads, no
   * banner, with request ids, HTTP metrics and problem answers ({@link #install}) and {@code /live},
   * {@code /ready}, {@code /health} ({@link #health}).
   *
   * @param config the server's configuration
   * @param host the bind address
   * @param port the port, 0 for any free one
   * @param metrics where request timings go
   * @param health the service's health
   */
  public static void server(final JavalinConfig config, final String host, final int port,
                            final ServiceMetrics metrics, final Health health) {
    config.startup.showJavalinBanner = false;
    config.jetty.host = host;
    config.jetty.port = port;
    config.concurrency.useVirtualThreads = true;
    install(config, metrics);
    health(config, health);
  }

  /**
   * Installs request ids, HTTP metrics and problem answers.
   *
   * @param config the server's configuration
   * @param metrics where request timings go
   */
  public static void install(final JavalinConfig config, final ServiceMetrics metrics) {
    config.routes.before(ctx -> {
      final String given = ctx.header(REQUEST_ID_HEADER);
      final String id = given != null && REQUEST_ID.matcher(given).matches() ? given : newRequestId();
      ctx.attribute(REQUEST_ID_ATTRIBUTE, id);
      ctx.header(REQUEST_ID_HEADER, id);
      MDC.put(MDC_REQUEST_ID, id);
    });
    config.requestLogger.http((ctx, ms) -> {
      final String route = ctx.attribute(ROUTE_ATTRIBUTE);
      metrics.recordHttp(ctx.method().name(), route == null ? "NOT_FOUND" : route, ctx.statusCode(),
          Duration.ofNanos((long) (ms * 1_000_000L)));
      MDC.remove(MDC_REQUEST_ID);
    });
    config.routes.exception(ProblemException.class, (e, ctx) -> ProblemJson.answer(ctx, e));
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      final String code = switch (e.getStatus()) {
        case 400 -> "MALFORMED_BODY";
        case 404 -> "NOT_FOUND";
        case 405 -> "METHOD_NOT_ALLOWED";
        case 413 -> "BODY_TOO_LARGE";
        default -> "HTTP_" + e.getStatus();
      };
      ProblemJson.answer(ctx, new ProblemException(e.getStatus(), code,
          e.getStatus() == 404 ? "no such endpoint: " + ctx.method() + " " + ctx.path() : e.getMessage()));
    });
    config.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
      ProblemJson.answer(ctx, new ProblemException(500, "INTERNAL", "unexpected failure"));
    });
  }

  /**
   * A handler that names its route for metrics (the template, never the raw path, so that the
   * number of series stays bounded).
   */
  public static Handler route(final String template, final Handler handler) {
    return ctx -> {
      ctx.attribute(ROUTE_ATTRIBUTE, template);
      handler.handle(ctx);
    };
  }

  /**
   * A random (version 4) UUID from the thread's own generator. A request id has to be unique, not
   * unguessable: {@link UUID#randomUUID()} reads the shared SecureRandom, about 4% of a cheap request's CPU
   * (JFR, wallet lookups).
   */
  static String newRequestId() {
    final ThreadLocalRandom random = ThreadLocalRandom.current();
    final long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    final long low = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** The request's id (see {@link #install}). */
  public static String requestId(final Context ctx) {
    final String id = ctx.attribute(REQUEST_ID_ATTRIBUTE);
    return id != null ? id : newRequestId();
  }

  /**
   * Mounts {@code /live}, {@code /ready} and {@code /health} (an alias of {@code /ready}): 200
   * {@code {"status":"UP",...}} or 503 {@code {"status":"DOWN",...,"failed":{check: why}}}.
   */
  public static void health(final JavalinConfig config, final Health health) {
    config.routes.get("/live", route("/live", ctx -> report(ctx, health.live())));
    config.routes.get("/ready", route("/ready", ctx -> report(ctx, health.ready())));
    config.routes.get("/health", route("/health", ctx -> report(ctx, health.ready())));
  }

  /**
   * Mounts {@code /metrics} (Prometheus text) and further operations endpoints ({@code /instances}).
   *
   * @param config the server's configuration
   * @param metrics the metrics
   * @param extra further endpoints, by path
   */
  public static void operations(final JavalinConfig config, final ServiceMetrics metrics,
                                final Map<String, Handler> extra) {
    config.routes.get("/metrics", route("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape())));
    extra.forEach((path, handler) -> config.routes.get(path, route(path, handler)));
  }

  private static void report(final Context ctx, final Health.Report report) {
    ctx.status(report.up() ? 200 : 503);
    json(ctx, report.body());
  }

  /** Answers {@code body} as JSON. */
  public static void json(final Context ctx, final Object body) {
    json(ctx, JSON, body);
  }

  /**
   * Answers {@code body} as JSON written by {@code mapper} (a service's own modules and mix-ins), as UTF-8
   * bytes at once: a String first would go through a char generator and be encoded again.
   */
  public static void json(final Context ctx, final ObjectMapper mapper, final Object body) {
    try {
      ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
