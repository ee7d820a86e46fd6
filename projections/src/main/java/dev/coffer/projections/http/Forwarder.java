package dev.coffer.projections.http;

import dev.coffer.service.http.Relay;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a read to the instance that owns its key and relays the owner's answer as it is
 * (status, body, content type, {@code Retry-After}). A forwarded request carries
 * {@link #FORWARDED_HEADER}; an instance that receives one and is not the owner either answers 503
 * instead of forwarding again, so two instances with different views of a rebalance never loop.
 */
public final class Forwarder {
  /** Marks a forwarded request; its value is the forwarding instance. */
  public static final String FORWARDED_HEADER = "Coffer-Forwarded-By";
  /** Names the instance that answered a read. */
  public static final String SERVED_BY_HEADER = "Coffer-Served-By";
  private static final List<String> PASSED_REQUEST_HEADERS = List.of("Authorization", Access.PLAYER_TOKEN_HEADER,
      "Accept");
  private static final List<String> RELAYED_RESPONSE_HEADERS = List.of("Content-Type", "Retry-After",
      SERVED_BY_HEADER);

  private final Relay relay;
  private final long retryAfterSeconds;

  /**
   * @param timeout the longest a forwarded read may take (longer than the longest version wait)
   * @param retryAfterSeconds the {@code Retry-After} of a 503 when the owner cannot be reached
   */
  public Forwarder(final Duration timeout, final long retryAfterSeconds) {
    this.relay = new Relay(Objects.requireNonNull(timeout, "timeout"));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * Answers {@code ctx} with the owner's answer to the same request.
   *
   * @param ctx the request
   * @param owner the owner's {@code application.server}
   * @param self this instance's {@code application.server}
   * @throws ProblemException 503 {@code NOT_OWNER} for a request already forwarded once, or
   *     {@code OWNER_UNREACHABLE}
   */
  public void forward(final Context ctx, final HostInfo owner, final HostInfo self) {
    if (ctx.header(FORWARDED_HEADER) != null) {
      throw ProblemException.unavailable("NOT_OWNER", "forwarded by " + ctx.header(FORWARDED_HEADER)
          + " but this instance does not own the key either (a rebalance is under way)", retryAfterSeconds);
    }
    final String query = ctx.queryString();
    final URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + ctx.req().getRequestURI()
        + (query == null || query.isEmpty() ? "" : "?" + query));
    try {
      relay.get(ctx, uri, PASSED_REQUEST_HEADERS, Map.of(FORWARDED_HEADER, self.host() + ":" + self.port()),
          RELAYED_RESPONSE_HEADERS);
    } catch (final Relay.UnreachableException e) {
      throw ProblemException.unavailable("OWNER_UNREACHABLE", "the owner " + e.getMessage(), retryAfterSeconds);
    }
  }
}
