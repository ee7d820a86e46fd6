package dev.coffer.projections.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.coffer.service.http.ServiceHttp;
import dev.coffer.service.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarder between two real HTTP servers: what it passes, what it relays, when it refuses. */
class ForwarderTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, String> seenByOwner = new ConcurrentHashMap<>();
  private HttpServer owner;
  private Javalin forwarding;
  private ServiceMetrics metrics;
  private HostInfo target;

  @BeforeEach
  void start() throws IOException {
    owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    owner.createContext("/", exchange -> {
      exchange.getRequestHeaders().forEach((name, values) -> seenByOwner.put(name.toLowerCase(), values.get(0)));
      seenByOwner.put("uri", exchange.getRequestURI().toString());
      final byte[] body = "{\"owner\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
      exchange.getResponseHeaders().add("Retry-After", "3");
      exchange.getResponseHeaders().add(Forwarder.SERVED_BY_HEADER, "owner:1");
      exchange.getResponseHeaders().add("X-Secret-Internal", "not relayed");
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    owner.start();
    target = new HostInfo("127.0.0.1", owner.getAddress().getPort());
    metrics = new ServiceMetrics();
    forwarding = forwardingServer(target, Duration.ofSeconds(5));
  }

  private Javalin forwardingServer(final HostInfo to, final Duration timeout) {
    final Forwarder forwarder = new Forwarder(timeout, 2);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      ServiceHttp.install(config, metrics);
      config.routes.get("/v1/apps/{appId}/players/{playerId}/wallet",
          ctx -> forwarder.forward(ctx, to, new HostInfo("self", 9)));
    }).start();
  }

  @AfterEach
  void stop() {
    forwarding.stop();
    owner.stop(0);
    metrics.close();
  }

  @Test
  void relaysTheOwnersAnswerAndPassesTheCallersCredentials() throws Exception {
    final HttpResponse<String> relayed = get(forwarding, "/v1/apps/a/players/p/wallet?minVersion=4",
        Map.of("Authorization", "Bearer k", "X-Player-Token", "pt1.x", "Cookie", "not passed"));

    assertThat(relayed.statusCode()).isEqualTo(503);
    assertThat(relayed.body()).isEqualTo("{\"owner\":true}");
    assertThat(relayed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(relayed.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(relayed.headers().firstValue(Forwarder.SERVED_BY_HEADER)).hasValue("owner:1");
    assertThat(relayed.headers().firstValue("X-Secret-Internal")).isEmpty();
    assertThat(seenByOwner).containsEntry("uri", "/v1/apps/a/players/p/wallet?minVersion=4")
        .containsEntry("authorization", "Bearer k").containsEntry("x-player-token", "pt1.x")
        .containsEntry(Forwarder.FORWARDED_HEADER.toLowerCase(), "self:9").doesNotContainKey("cookie");
  }

  @Test
  void neverForwardsTwice() throws Exception {
    final HttpResponse<String> again = get(forwarding, "/v1/apps/a/players/p/wallet",
        Map.of(Forwarder.FORWARDED_HEADER, "other:1"));

    assertThat(again.statusCode()).isEqualTo(503);
    assertThat(again.body()).contains("\"code\":\"NOT_OWNER\"");
    assertThat(again.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(seenByOwner).isEmpty();
  }

  @Test
  void answersUnreachableWhenTheOwnerIsGoneOrSilent() throws Exception {
    final int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    final Javalin toNowhere = forwardingServer(new HostInfo("127.0.0.1", closedPort), Duration.ofSeconds(5));
    try (ServerSocket silent = new ServerSocket(0)) {
      final Javalin toSilent = forwardingServer(new HostInfo("127.0.0.1", silent.getLocalPort()),
          Duration.ofMillis(300));
      try {
        assertThat(get(toNowhere, "/v1/apps/a/players/p/wallet", Map.of()).body())
            .contains("\"code\":\"OWNER_UNREACHABLE\"", "cannot be reached");
        assertThat(get(toSilent, "/v1/apps/a/players/p/wallet", Map.of()).body())
            .contains("\"code\":\"OWNER_UNREACHABLE\"", "did not answer within 300 ms");
      } finally {
        toSilent.stop();
      }
    } finally {
      toNowhere.stop();
    }
  }

  private HttpResponse<String> get(final Javalin server, final String path, final Map<String, String> headers)
      throws IOException, InterruptedException {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
