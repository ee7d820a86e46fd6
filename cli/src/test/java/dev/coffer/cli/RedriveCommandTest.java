package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dead-letters redrive} over real HTTP against a local stand-in of projections' re-drive endpoint
 * ({@code POST /v1/apps/{app}/webhooks/dead-letters/{id}/redrive}, added with the operator console): what it
 * sends, prints and exits with.
 */
class RedriveCommandTest {
  private HttpServer server;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      final String path = exchange.getRequestURI().getPath();
      final int status;
      final String body;
      if (path.endsWith("/0-41/redrive")) {
        status = 202;
        body = "{\"id\":\"0-41\",\"deliveryId\":\"d-41\",\"state\":\"QUEUED\"}";
      } else if (path.endsWith("/0-42/redrive")) {
        status = 200;
        body = "{\"id\":\"0-42\",\"deliveryId\":\"d-42\",\"state\":\"PARKED_AGAIN\",\"parkedAs\":\"0-57\"}";
      } else if (path.endsWith("/1-1/redrive")) {
        status = 503;
        body = "{\"status\":503,\"code\":\"WEBHOOKS_DISABLED\",\"detail\":\"off\"}";
      } else {
        status = 404;
        body = "{\"status\":404,\"code\":\"DEAD_LETTER_NOT_FOUND\",\"detail\":\"no such dead letter\"}";
      }
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
      if (status == 503) {
        exchange.getResponseHeaders().add("Retry-After", "120");
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void eachIdIsReDrivenAndRefusalsAreReportedPerId() {
    final Cli cli = new Cli(Map.of(HttpOptions.API_KEY_ENV, "server-key"));
    final String projections = "http://127.0.0.1:" + server.getAddress().getPort();

    final Cli.Run run = cli.run("dead-letters", "redrive", "0-41", "0-42", "0-43", "--projections", projections,
        "--app", "demo");

    assertThat(run.code()).as("%s", run).isEqualTo(ExitCodes.REFUSED);
    assertThat(run.out().lines().toList()).containsExactly("0-41: QUEUED (delivery d-41)",
        "0-42: PARKED_AGAIN (delivery d-42); parked again as 0-57: re-drive that one",
        "0-43: refused, DEAD_LETTER_NOT_FOUND: no such dead letter");
    assertThat(requests).containsExactly(
        "POST /v1/apps/demo/webhooks/dead-letters/0-41/redrive Bearer server-key",
        "POST /v1/apps/demo/webhooks/dead-letters/0-42/redrive Bearer server-key",
        "POST /v1/apps/demo/webhooks/dead-letters/0-43/redrive Bearer server-key");

    final Cli.Run unavailable = cli.run("dead-letters", "redrive", "1-1", "--projections", projections);
    assertThat(unavailable.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(unavailable.err()).contains("WEBHOOKS_DISABLED").contains("retry after 120 s");
  }
}
