package dev.coffer.embedded;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Waits for an {@link EmbeddedRegistry}'s child JVM to report ready on its health endpoint; when it
 * exits or runs out of time instead, the failure carries the tail of its log, which says why.
 */
final class RegistryReadiness {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 40;

  private RegistryReadiness() {
  }

  /** Returns once {@code process}, started as {@code launch} says, is ready; fails after {@code timeout}. */
  static void await(final RegistryLaunch launch, final Process process, final Duration timeout) {
    final URI health = URI.create("http://127.0.0.1:" + launch.managementPort() + "/health/ready");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the registry exited with status " + process.exitValue()
            + " during startup (port " + launch.port() + "); log " + launch.logFile() + " ends with:\n"
            + logTail(launch.logFile()));
      }
      try {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (final ConnectException e) {
        last = "not listening yet (" + e + ")";
      } catch (final IOException e) {
        last = e.toString();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the registry to start", e);
      }
      pause();
    }
    throw new IllegalStateException("the registry on port " + launch.port() + " was not ready within "
        + timeout.toSeconds() + " s (last health check: " + last + "); log " + launch.logFile()
        + " ends with:\n" + logTail(launch.logFile()));
  }

  /** The pause between two health checks of a deadline-bound wait. */
  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the registry", e);
    }
  }

  private static String logTail(final Path logFile) {
    try {
      final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (final IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }
}
