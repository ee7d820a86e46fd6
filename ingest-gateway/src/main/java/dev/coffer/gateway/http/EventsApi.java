package dev.coffer.gateway.http;

import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.service.http.Relay;
import dev.coffer.service.http.ServiceHttp;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/apps/{appId}/events/{eventId}}: the outcome of an event, where a 202 told the client to
 * look ({@code Location}). The gateway does not keep outcomes: it asks projections (its {@code projections.url},
 * within {@code projections.timeout})
 * the same question, with the caller's key and player token, and answers with projections' answer as it is
 * (200 with the outcome JSON; 401, 403, 404 {@code EVENT_NOT_FOUND} while the event is not processed yet, 503
 * with {@code Retry-After}). Projections authenticates: it reads the same apps file.
 */
final class EventsApi {
  private static final long RETRY_AFTER_SECONDS = 1;
  private static final List<String> PASSED = List.of("Authorization", "X-Player-Token", "Accept");
  private static final List<String> RELAYED = List.of("Content-Type", "Retry-After", "WWW-Authenticate");

  private final URI projections;
  private final Relay relay;

  /**
   * @param projections how to reach projections, or {@code null} when the gateway has none
   */
  EventsApi(final GatewayConfig.Projections projections) {
    this.projections = projections == null ? null : projections.url();
    this.relay = new Relay(projections == null ? Duration.ofSeconds(1) : projections.timeout());
  }

  /**
   * {@code GET /v1/apps/{appId}/events/{eventId}}: projections' answer, or 503 {@code PROJECTIONS_UNAVAILABLE}
   * (with {@code Retry-After}) when projections cannot be asked.
   */
  void event(final Context ctx) {
    if (projections == null) {
      throw ProblemException.unavailable(ErrorCode.PROJECTIONS_UNAVAILABLE.name(),
          "this gateway has no projections.url, so it cannot read outcomes", RETRY_AFTER_SECONDS);
    }
    final URI target = projections.resolve(ctx.req().getRequestURI());
    try {
      relay.get(ctx, target, PASSED, Map.of(ServiceHttp.REQUEST_ID_HEADER, ServiceHttp.requestId(ctx)), RELAYED);
    } catch (final Relay.UnreachableException e) {
      throw ProblemException.unavailable(ErrorCode.PROJECTIONS_UNAVAILABLE.name(),
          "projections " + e.getMessage() + "; retry", RETRY_AFTER_SECONDS);
    }
  }
}
