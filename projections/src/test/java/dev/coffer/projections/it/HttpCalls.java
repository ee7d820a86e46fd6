package dev.coffer.projections.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The integration tests' HTTP calls: a call that cannot be made, or an answer that is not JSON, fails the test. */
final class HttpCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpCalls() {
  }

  /** Sends {@code request} with {@code client} and returns the answer, whatever its status. */
  static HttpResponse<String> send(final HttpClient client, final HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (final IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The body of {@code response} as JSON. */
  static JsonNode json(final HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (final IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
