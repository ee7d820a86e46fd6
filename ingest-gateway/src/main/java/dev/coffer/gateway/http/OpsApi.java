package dev.coffer.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/** Operations endpoints: health, metrics, the OpenAPI document. */
final class OpsApi {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry metrics;
  private final byte[] openApi;

  OpsApi(final BooleanSupplier ready, final PrometheusMeterRegistry metrics) {
    this.ready = ready;
    this.metrics = metrics;
    try (InputStream in = OpsApi.class.getResourceAsStream("/openapi.yaml")) {
      this.openApi = in == null ? new byte[0] : in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read openapi.yaml", e);
    }
  }

  /**
   * {@code GET /health}: 200 {@code {"status": "UP"}} while the producer, the outcome follower and the
   * catalog follower run; 503 {@code DOWN} otherwise (starting, stopping, a follower died).
   */
  void health(final Context ctx) {
    final boolean up = ready.getAsBoolean();
    final ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", up ? "UP" : "DOWN");
    ctx.status(up ? 200 : 503);
    Replies.json(ctx, body);
  }

  /** {@code GET /metrics}: Prometheus text format (requests by route and status, outcomes, JVM). */
  void metrics(final Context ctx) {
    ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
  }

  /** {@code GET /openapi.yaml}: the OpenAPI 3.1 document of every endpoint. */
  void openApi(final Context ctx) {
    ctx.contentType("application/yaml").result(openApi);
  }
}
