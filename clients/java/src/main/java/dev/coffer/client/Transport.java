package dev.coffer.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.client.model.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends calls: authentication, retries on 429/503 and network failures (same request, same key), problem
 * answers turned into exceptions, and 202s followed to their outcome ({@link Follower}).
 */
final class Transport {
  /** Which service a call goes to. */
  enum Service { GATEWAY, PROJECTIONS }

  /** Whether and how a 202 is followed to its outcome. */
  enum Follow {
    /** Not a write: a 202 is an error. */
    NONE,
    /** A write: a rejected outcome throws {@link RejectedException}, as a 409/422 answer would. */
    OUTCOME,
    /** A store notification: every outcome, rejected or not, is the answer (the store is done with it). */
    ANY_OUTCOME
  }

  /**
   * One call.
   *
   * @param method the HTTP method
   * @param service where it goes
   * @param path the path, its segments encoded ({@link #segment}), with its query
   * @param body the body, or {@code null}
   * @param contentType the body's media type, or {@code null}
   * @param idempotencyKey the write's key, for exceptions; {@code null} for reads and purchases
   * @param follow whether a 202 is followed to the outcome
   * @param headers further headers (name, value, name, value, ...)
   */
  record Call(String method, Service service, String path, byte[] body, String contentType, String idempotencyKey,
              Follow follow, List<String> headers) {
    Call {
      headers = List.copyOf(headers);
    }

    static Call get(final Service service, final String path) {
      return new Call("GET", service, path, null, null, null, Follow.NONE, List.of());
    }

    static Call write(final String method, final String path, final byte[] json, final String idempotencyKey) {
      return new Call(method, Service.GATEWAY, path, json, json == null ? null : "application/json", idempotencyKey,
          Follow.OUTCOME, List.of());
    }

    Call with(final Follow mode, final String... extraHeaders) {
      return new Call(method, service, path, body, contentType, idempotencyKey, mode, List.of(extraHeaders));
    }
  }

  /** Reads a 2xx body. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(byte[] body) throws IOException;
  }

  static final String USER_AGENT = "coffer-java-sdk/0.1";

  final Json json;
  private final HttpClient http;
  private final URI gateway;
  private final URI projections;
  private final String authorization;
  private final String playerToken;
  private final RetryPolicy retry;
  private final FollowPolicy follow;
  private final Duration requestTimeout;

  Transport(final HttpClient http, final URI gateway, final URI projections, final String apiKey,
            final String playerToken, final RetryPolicy retry, final FollowPolicy follow, final Duration requestTimeout,
            final Json json) {
    this.http = http;
    this.gateway = gateway;
    this.projections = projections;
    this.authorization = "Bearer " + Objects.requireNonNull(apiKey, "apiKey");
    this.playerToken = playerToken;
    this.retry = retry;
    this.follow = follow;
    this.requestTimeout = requestTimeout;
    this.json = json;
  }

  Transport withPlayerToken(final String token) {
    return new Transport(http, gateway, projections, authorization.substring("Bearer ".length()),
        Objects.requireNonNull(token, "token"), retry, follow, requestTimeout, json);
  }

  /** One path segment, percent-encoded. */
  static String segment(final String value) {
    return URLEncoder.encode(Objects.requireNonNull(value, "path segment"), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  URI base(final Service service) {
    final URI base = service == Service.GATEWAY ? gateway : projections;
    if (base == null) {
      throw new IllegalStateException("no " + service.name().toLowerCase(java.util.Locale.ROOT)
          + " URL configured on this CofferClient");
    }
    return base;
  }

  boolean hasProjections() {
    return projections != null;
  }

  FollowPolicy follow() {
    return follow;
  }

  /** Sends {@code call} and reads its answer as JSON of {@code type} (not a write). */
  <T> T json(final Call call, final Class<T> type) {
    return answer(call, body -> json.read(body, type), null);
  }

  /** Sends {@code call} and reads its answer as JSON of {@code type} (not a write). */
  <T> T json(final Call call, final JavaType type) {
    return answer(call, body -> json.read(body, type), null);
  }

  /** Sends the write {@code call}: its outcome, also past a 202. */
  Outcome outcome(final Call call) {
    return answer(call, body -> json.read(body, Outcome.class), outcome -> outcome);
  }

  /**
   * Sends {@code call}: the 2xx body read by {@code reader}; a write's 202 followed to its outcome, which
   * {@code followed} turns into the answer.
   */
  <T> T answer(final Call call, final BodyReader<T> reader, final Function<Outcome, T> followed) {
    final HttpResponse<byte[]> response = send(call);
    final int status = response.statusCode();
    if (status == 202 && call.follow() != Follow.NONE && followed != null) {
      return followed.apply(new Follower(this).follow(call, response));
    }
    if (status / 100 == 2) {
      return read(response, reader, call);
    }
    throw Problem.of(response, json).exception(call.idempotencyKey());
  }

  /** As {@link #answer}, with 404 of one of {@code codes} read as empty. */
  <T> Optional<T> find(final Call call, final BodyReader<T> reader, final String... codes) {
    final HttpResponse<byte[]> response = send(call);
    if (response.statusCode() / 100 == 2) {
      return Optional.ofNullable(read(response, reader, call));
    }
    final Problem problem = Problem.of(response, json);
    if (problem.status() == 404 && java.util.Arrays.asList(codes).contains(problem.code())) {
      return Optional.empty();
    }
    throw problem.exception(call.idempotencyKey());
  }

  /** Sends {@code call}: {@code true} for a 2xx, {@code false} for a 404 of one of {@code codes}. */
  boolean succeeds(final Call call, final String... codes) {
    final HttpResponse<byte[]> response = send(call);
    if (response.statusCode() / 100 == 2) {
      return true;
    }
    final Problem problem = Problem.of(response, json);
    if (problem.status() == 404 && java.util.Arrays.asList(codes).contains(problem.code())) {
      return false;
    }
    throw problem.exception(call.idempotencyKey());
  }

  private <T> T read(final HttpResponse<byte[]> response, final BodyReader<T> reader, final Call call) {
    if (response.statusCode() == 204) {
      return null;
    }
    try {
      return reader.read(response.body());
    } catch (final IOException e) {
      throw new TransportException("cannot read the answer of " + call.method() + " " + call.path() + ": "
          + e.getMessage(), e, call.idempotencyKey());
    }
  }

  /**
   * Sends {@code call} until it is answered with anything but 429/503 or the attempts run out; the same
   * request each time (same key, same body).
   *
   * @return the last answer (any status but a retryable one)
   * @throws UnavailableException if 429/503 persists, or asks to wait longer than the policy allows
   * @throws TransportException if no answer came on the last attempt
   */
  HttpResponse<byte[]> send(final Call call) {
    final HttpRequest request = request(call, URI.create(base(call.service()) + call.path()));
    IOException lastFailure = null;
    for (int attempt = 1;; attempt++) {
      final HttpResponse<byte[]> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (final IOException e) {
        lastFailure = e;
        if (attempt >= retry.maxAttempts() || Thread.currentThread().isInterrupted()) {
          throw new TransportException(call.method() + " " + request.uri() + " failed after " + attempt
              + " attempt(s): " + e, lastFailure, call.idempotencyKey());
        }
        pause(retry.backoff(attempt), call);
        continue;
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException("interrupted during " + call.method() + " " + request.uri(), e,
            call.idempotencyKey());
      }
      if (response.statusCode() != 429 && response.statusCode() != 503) {
        return response;
      }
      final Problem problem = Problem.of(response, json);
      final Duration wait = problem.retryAfter() != null ? problem.retryAfter() : retry.backoff(attempt);
      if (attempt >= retry.maxAttempts() || wait.compareTo(retry.maxRetryAfter()) > 0) {
        throw problem.exception(call.idempotencyKey());
      }
      pause(wait, call);
    }
  }

  /** A request to {@code uri}: the call's method, body, key and token. */
  HttpRequest request(final Call call, final URI uri) {
    final HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .header("Authorization", authorization)
        .header("Accept", "application/json, application/problem+json")
        .header("User-Agent", USER_AGENT);
    if (playerToken != null) {
      b.header("X-Player-Token", playerToken);
    }
    if (call.contentType() != null) {
      b.header("Content-Type", call.contentType());
    }
    for (int i = 0; i + 1 < call.headers().size(); i += 2) {
      b.header(call.headers().get(i), call.headers().get(i + 1));
    }
    b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    return b.build();
  }

  /** Sends a request once (no retry): the follower polls on its own schedule. */
  HttpResponse<byte[]> sendOnce(final HttpRequest request, final String idempotencyKey) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (final IOException e) {
      return null;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while polling " + request.uri(), e, idempotencyKey);
    }
  }

  Outcome outcome(final JsonNode node) {
    return json.convert(node, Outcome.class);
  }

  /** Waits {@code wait}; an interrupt ends the call. */
  static void pause(final Duration wait, final Call call) {
    try {
      Thread.sleep(Math.max(0, wait.toMillis()));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while waiting to retry " + call.method() + " " + call.path(), e,
          call.idempotencyKey());
    }
  }

  HttpClient http() {
    return http;
  }

  String authorization() {
    return authorization;
  }

  String playerToken() {
    return playerToken;
  }

  RetryPolicy retry() {
    return retry;
  }
}
