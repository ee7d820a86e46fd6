package dev.coffer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's Prometheus exposition, read from its {@code /metrics} on the loopback. */
public final class MetricsScrape {
  private MetricsScrape() {
  }

  /**
   * The text {@code GET http://127.0.0.1:port/metrics} answers.
   *
   * @throws IllegalStateException if it answers other than 200
   * @throws UncheckedIOException if it cannot be read
   */
  public static String of(final int port) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /metrics on port " + port + " answered " + response.statusCode());
      }
      return response.body();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read /metrics on port " + port, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading /metrics on port " + port, e);
    }
  }
}
