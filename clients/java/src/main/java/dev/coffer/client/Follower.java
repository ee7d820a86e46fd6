package dev.coffer.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.client.model.Outcome;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Follows a 202 to its outcome: polls the {@code Location} (resolved against the gateway that answered)
 * with a doubling interval until it answers 200, as the {@link FollowPolicy} allows. 404
 * {@code EVENT_NOT_FOUND} means "not decided yet"; 429/503 are waited out. A gateway that does not serve
 * the events path (404 with another code) is asked no more: the same path is polled on projections,
 * which always serves it.
 */
final class Follower {
  private static final String NOT_DECIDED = "EVENT_NOT_FOUND";
  private final Transport transport;

  Follower(final Transport transport) {
    this.transport = transport;
  }

  /** The outcome of the write {@code call} that was answered 202 with {@code accepted}. */
  Outcome follow(final Transport.Call call, final HttpResponse<byte[]> accepted) {
    final JsonNode body = transport.json.treeOrEmpty(accepted.body());
    final String requestId = accepted.headers().firstValue("X-Request-Id").orElse(null);
    final String eventId = body.path("eventId").asText(null);
    final URI location = accepted.headers().firstValue("Location").map(accepted.uri()::resolve)
        .orElseThrow(() -> new TransportException("a 202 without Location from " + accepted.uri(), null,
            call.idempotencyKey()));
    return poll(location, eventId == null ? location.getPath() : eventId, call, requestId);
  }

  /** Polls {@code location} for the outcome of {@code eventId}. */
  Outcome poll(final URI location, final String eventId, final Transport.Call call, final String requestId) {
    final FollowPolicy policy = transport.follow();
    final long deadline = System.nanoTime() + policy.maxWait().toNanos();
    URI target = location;
    Duration delay = policy.firstPoll();
    while (System.nanoTime() < deadline) {
      Transport.pause(min(delay, Duration.ofNanos(deadline - System.nanoTime())), call);
      final HttpRequest request = transport.request(Transport.Call.get(Transport.Service.GATEWAY, ""), target);
      final HttpResponse<byte[]> response = transport.sendOnce(request, call.idempotencyKey());
      delay = min(delay.multipliedBy(2), policy.maxPoll());
      if (response == null) {
        continue;
      }
      if (response.statusCode() == 200) {
        final Outcome outcome = transport.outcome(transport.json.treeOrEmpty(response.body()));
        if (outcome.rejected() && call.follow() == Transport.Follow.OUTCOME) {
          throw new RejectedException(Problem.rejection(outcome, requestId), call.idempotencyKey());
        }
        return outcome;
      }
      final Problem problem = Problem.of(response, transport.json);
      if (problem.retryable()) {
        if (problem.retryAfter() != null) {
          delay = max(delay, problem.retryAfter());
        }
      } else if (problem.status() == 404 && !NOT_DECIDED.equals(problem.code()) && transport.hasProjections()
          && !target.equals(projectionsTarget(location))) {
        target = projectionsTarget(location);
        delay = Duration.ofMillis(1);
      } else if (problem.status() != 404 || !NOT_DECIDED.equals(problem.code())) {
        throw problem.exception(call.idempotencyKey());
      }
    }
    throw new PendingException(eventId, target, call.idempotencyKey(), requestId);
  }

  private URI projectionsTarget(final URI location) {
    final String query = location.getRawQuery();
    return transport.base(Transport.Service.PROJECTIONS)
        .resolve(location.getRawPath() + (query == null ? "" : "?" + query));
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(final Duration a, final Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
