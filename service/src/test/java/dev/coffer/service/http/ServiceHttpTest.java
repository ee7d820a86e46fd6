package dev.coffer.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.service.health.Health;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.service.problem.ProblemException;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ServiceHttpTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void generatedRequestIdsAreDistinctVersion4Uuids() {
    final Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      final String id = ServiceHttp.newRequestId();
      final UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void answersProblemsHealthAndMetricsTheSameWayEverywhere() throws IOException, InterruptedException {
    final AtomicBoolean ready = new AtomicBoolean(false);
    final Health health = new Health().ready("dependency", () -> ready.get() ? Optional.empty() : Optional.of("down"));
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      final Javalin server = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.jetty.host = "127.0.0.1";
        config.jetty.port = 0;
        ServiceHttp.install(config, metrics);
        ServiceHttp.health(config, health);
        ServiceHttp.operations(config, metrics, Map.of("/instances", ctx -> ctx.result("[]")));
        config.routes.get("/v1/apps/{appId}/secret", ServiceHttp.route("/v1/apps/{appId}/secret", ctx -> {
          throw new ProblemException(401, "UNAUTHENTICATED", "no key, request " + MDC.get("requestId"));
        }));
        config.routes.get("/v1/apps/{appId}/busy", ServiceHttp.route("/v1/apps/{appId}/busy", ctx -> {
          throw ProblemException.unavailable("REBALANCING", "moving", 2);
        }));
      }).start();
      try {
        final HttpResponse<String> unauthenticated = get(server.port(), "/v1/apps/a/secret", "req-1");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"coffer\"");
        assertThat(unauthenticated.headers().firstValue("Content-Type")).hasValueSatisfying(
            v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(unauthenticated.headers().firstValue("X-Request-Id")).hasValue("req-1");
        final JsonNode problem = new ObjectMapper().readTree(unauthenticated.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://coffer.dev/problems/unauthenticated");
        assertThat(problem.path("title").asText()).isEqualTo("Unauthenticated");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(problem.path("detail").asText()).as("the request id is in the MDC")
            .isEqualTo("no key, request req-1");
        assertThat(problem.path("instance").asText()).isEqualTo("/v1/apps/a/secret");

        final HttpResponse<String> busy = get(server.port(), "/v1/apps/b/busy", "not a valid id!");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(busy.headers().firstValue("X-Request-Id")).hasValueSatisfying(
            v -> assertThat(v).hasSize(36).isNotEqualTo("not a valid id!"));
        assertThat(get(server.port(), "/v1/apps/c/busy", null).statusCode()).as("the same series again").isEqualTo(503);
        assertThat(get(server.port(), "/nowhere", null).body()).contains("\"code\":\"NOT_FOUND\"");

        assertThat(get(server.port(), "/live", null).statusCode()).isEqualTo(200);
        assertThat(get(server.port(), "/ready", null).statusCode()).isEqualTo(503);
        assertThat(get(server.port(), "/health", null).body()).isEqualTo(
            "{\"status\":\"DOWN\",\"failed\":{\"dependency\":\"down\"}}");
        ready.set(true);
        assertThat(get(server.port(), "/ready", null).statusCode()).isEqualTo(200);
        assertThat(get(server.port(), "/health", null).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get(server.port(), "/instances", null).body()).isEqualTo("[]");

        final String scrape = get(server.port(), "/metrics", null).body();
        assertThat(scrape).contains(
            "http_server_requests_seconds_bucket{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"401\","
                + "uri=\"/v1/apps/{appId}/secret\",le=",
            "http_server_requests_seconds_count{method=\"GET\",outcome=\"SERVER_ERROR\",status=\"503\","
                + "uri=\"/v1/apps/{appId}/busy\"} 2",
            "uri=\"NOT_FOUND\"", "jvm_memory_used_bytes", "process_uptime_seconds");
      } finally {
        server.stop();
      }
    }
  }

  private HttpResponse<String> get(final int port, final String path, final String requestId)
      throws IOException, InterruptedException {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
