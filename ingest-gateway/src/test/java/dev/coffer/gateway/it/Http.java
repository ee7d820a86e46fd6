package dev.coffer.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.embedded.openapi.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client for the integration tests. Every answer it receives is held to the gateway's OpenAPI
 * document (status, content type, body schema): one that breaks it fails the test.
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The gateway's OpenAPI document. */
  static final OpenApiContract CONTRACT = OpenApiContract.load("/openapi.yaml");
  /** Projections' OpenAPI document (the gateway's tests also call projections' internal endpoint). */
  static final OpenApiContract PROJECTIONS = OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml");
  private final HttpClient client;
  private final String base;

  /**
   * A response.
   *
   * @param status the status
   * @param contentType its content type
   * @param location the Location header
   * @param body the body as JSON (empty object if none or not JSON)
   * @param text the body as text
   * @param retryAfter the Retry-After header
   * @param wwwAuthenticate the WWW-Authenticate header
   */
  record Response(int status, String contentType, String location, JsonNode body, String text, String retryAfter,
                  String wwwAuthenticate) {
    String code() {
      return body.path("code").asText(null);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  /** A client of the gateway on {@code port}, its answers held to the gateway's document. */
  Http(final int port) {
    this(port, CONTRACT);
  }

  /** A client of the service on {@code port}, its answers held to {@code contract}. */
  Http(final int port, final OpenApiContract contract) {
    this.base = "http://127.0.0.1:" + port;
    this.client = contract.client(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  Response send(final String method, final String path, final String key, final Object body,
                final Map<String, String> headers) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    final HttpRequest.BodyPublisher publisher;
    if (body == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else if (body instanceof String text) {
      publisher = HttpRequest.BodyPublishers.ofString(text);
      if (!headers.containsKey("Content-Type")) {
        request.header("Content-Type", "application/json");
      }
    } else {
      try {
        publisher = HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
      } catch (final IOException e) {
        throw new IllegalStateException(e);
      }
      request.header("Content-Type", "application/json");
    }
    request.method(method, publisher);
    try {
      final HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      } catch (final IOException e) {
        json = JSON.createObjectNode();
      }
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Location").orElse(null), json, response.body(),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("WWW-Authenticate").orElse(null));
    } catch (final IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response post(final String path, final String key, final Object body) {
    return send("POST", path, key, body, Map.of());
  }

  Response get(final String path, final String key) {
    return send("GET", path, key, null, Map.of());
  }
}
