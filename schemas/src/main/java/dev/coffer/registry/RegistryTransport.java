package dev.coffer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of {@link RestSchemaRegistry}: one {@link HttpClient}, and every call bounded by its
 * {@link RestSchemaRegistry.Settings} (timeouts, retries with backoff). What an answer means is the
 * caller's business. Thread-safe.
 */
final class RegistryTransport implements AutoCloseable {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final String baseUrl;
  private final RestSchemaRegistry.Settings settings;
  private final HttpClient client;

  /** A transport to {@code baseUrl}, the API root without a trailing slash. */
  RegistryTransport(final String baseUrl, final RestSchemaRegistry.Settings settings) {
    this.baseUrl = baseUrl;
    this.settings = settings;
    // HTTP/1.1: no h2c upgrade dance with registries that do not speak HTTP/2 in clear text.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * Sends one request, retrying I/O failures, timeouts, {@code 5xx} and {@code 429} within the
   * bounds; any other answer is returned for the caller to judge.
   */
  RegistryAnswer call(final String method, final String path, final JsonNode body, final String what) {
    final URI uri = URI.create(baseUrl + path);
    final HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    final long start = System.nanoTime();
    final long deadline = start + settings.maxRetryTime().toNanos();
    String lastFailure = "no attempt made";
    Throwable lastCause = null;
    int attempts = 0;
    while (attempts < settings.maxAttempts()) {
      final long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      attempts++;
      final long timeoutNanos = Math.min(settings.requestTimeout().toNanos(), remaining);
      final HttpRequest request = HttpRequest.newBuilder(uri)
          .method(method, publisher)
          .timeout(Duration.ofNanos(timeoutNanos))
          .header("Accept", CONTENT_TYPE + ", application/json")
          .header("Content-Type", CONTENT_TYPE)
          .build();
      Duration retryAfter = Duration.ZERO;
      final CompletableFuture<HttpResponse<String>> pending =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      try {
        // The request timeout covers only the headers; this bounds the body too.
        final HttpResponse<String> response = pending.get(timeoutNanos, TimeUnit.NANOSECONDS);
        final int status = response.statusCode();
        if (status < 500 && status != 429) {
          return new RegistryAnswer(status, response.body(), uri);
        }
        lastFailure = "HTTP " + status + ": " + new RegistryAnswer(status, response.body(), uri).message();
        lastCause = null;
        retryAfter = retryAfter(response);
      } catch (final TimeoutException e) {
        pending.cancel(true);
        lastFailure = "no answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms";
        lastCause = e;
      } catch (final ExecutionException e) {
        final Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (!(cause instanceof IOException)) {
          throw new SchemaRegistryException("schema registry at " + uri + " failed " + what + ": "
              + cause, cause);
        }
        // The client's own header timer and the bound above race: the same event, one wording.
        lastFailure = cause instanceof HttpTimeoutException
            ? "no answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms"
            : cause.toString();
        lastCause = cause;
      } catch (final InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while " + what + " at " + uri, e);
      }
      if (attempts >= settings.maxAttempts()) {
        break;
      }
      final long backoff = Math.max(backoffNanos(attempts), retryAfter.toNanos());
      if (System.nanoTime() + backoff >= deadline) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(backoff);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while " + what + " at " + uri, e);
      }
    }
    final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    throw new RegistryUnavailableException("schema registry at " + uri + " unavailable for " + what
        + ": " + attempts + " attempt(s) in " + elapsedMs + " ms, last failure: " + lastFailure,
        lastCause);
  }

  /** Exponential backoff with jitter, so clients restarted together do not retry in step. */
  private long backoffNanos(final int attemptsSoFar) {
    final long initial = settings.initialBackoff().toNanos();
    final long max = settings.maxBackoff().toNanos();
    final int shift = Math.min(attemptsSoFar - 1, 30);
    final long exponential = initial > (max >> shift) ? max : Math.min(max, initial << shift);
    if (exponential <= 1) {
      return exponential;
    }
    final long half = exponential / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  private Duration retryAfter(final HttpResponse<String> response) {
    final Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      final long seconds = Long.parseLong(header.get().strip());
      return Duration.ofSeconds(Math.max(0, Math.min(seconds, settings.maxBackoff().toSeconds())));
    } catch (final NumberFormatException e) {
      // An HTTP date instead of seconds: plain backoff is good enough.
      return Duration.ZERO;
    }
  }

  /** Closes the HTTP client; later calls fail. */
  @Override
  public void close() {
    client.close();
  }
}
