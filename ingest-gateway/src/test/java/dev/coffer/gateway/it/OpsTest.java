package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class OpsTest {

  @Test
  void servesHealthMetricsAndTheOpenApiDocument(final GatewayHarness h) {
    h.http.get(h.path("/catalog/products"), TestApp.SERVER_KEY);

    final Http.Response unauthenticated = h.http.get(h.path("/catalog/products"), "not-a-key");
    final Http.Response health = h.http.get("/health", null);
    final Http.Response live = h.http.get("/live", null);
    final Http.Response ready = h.http.get("/ready", null);
    final Http.Response metrics = h.http.get("/metrics", null);
    final Http.Response openApi = h.http.get("/openapi.yaml", null);

    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(unauthenticated.wwwAuthenticate()).isEqualTo("Bearer realm=\"coffer\"");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asText()).isEqualTo("UP");
    assertThat(live.status()).isEqualTo(200);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(metrics.text()).contains(
        "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
            + "uri=\"/v1/apps/{appId}/catalog/products\"}",
        "http_server_requests_seconds_bucket{", "kafka_producer_record_send_total", "kafka_consumer_fetch_manager_",
        "jvm_memory_used_bytes", "coffer_gateway_outcomes_waiting");
    assertThat(openApi.status()).isEqualTo(200);
    // The document served is the one the tests hold every answer to (and a real parser checks: OpenApiDocumentTest).
    assertThat(openApi.text()).isEqualTo(Http.CONTRACT.text());
  }

  @Test
  void timesWhereEachWritesTimeGoes(final GatewayHarness h) {
    try (Gateway separate = h.startGateway(Map.of())) {
      final Http http = new Http(separate.port());
      final Http.Response grant = http.post(h.path("/players/" + PurchasesTest.player() + "/grants"),
          TestApp.SERVER_KEY, Map.of("idempotencyKey", "ops-" + UUID.randomUUID(), "reason", "welcome", "grants",
              Map.of("currencies", Map.of("gems", 5))));
      final String metrics = http.get("/metrics", null).text();

      assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
      // Both stages recorded before the answer left: one grant, one of each, none on the receipt path.
      assertThat(metrics).contains("coffer_gateway_write_append_seconds_count{path=\"player\"} 1\n",
          "coffer_gateway_write_decide_seconds_count{path=\"player\"} 1\n",
          "coffer_gateway_write_append_seconds_count{path=\"receipt\"} 0\n",
          "coffer_gateway_write_decide_seconds_bucket{path=\"player\",le=");
    }
  }

  @Test
  void servesSwaggerUiOverTheDocument(final GatewayHarness h) {
    final Http.Response page = h.http.get("/docs", null);
    final Http.Response bundle = h.http.get("/docs/swagger-ui-bundle.js", null);
    final Http.Response other = h.http.get("/docs/index.html", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("swagger-ui-bundle.js", "data-url=\"/openapi.yaml\"");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.text()).contains("SwaggerUIBundle");
    assertThat(other.status()).isEqualTo(404);
  }

  @Test
  void movesMetricsToAnOpsPortWhenAsked(final GatewayHarness h) {
    try (Gateway separate = h.startGateway(Map.of(GatewayConfig.OPS_PORT, "0"))) {
      final Http api = new Http(separate.port());
      final Http ops = new Http(separate.opsPort().orElseThrow());

      assertThat(api.get("/metrics", null).status()).isEqualTo(404);
      assertThat(api.get("/ready", null).status()).isEqualTo(200);
      assertThat(ops.get("/metrics", null).text()).contains("jvm_memory_used_bytes");
      assertThat(ops.get("/live", null).status()).isEqualTo(200);
    }
  }

  @Test
  void limitsRequestsPerPlayerAndPerApp(final GatewayHarness h) {
    final String player = "r-" + UUID.randomUUID();
    try (Gateway limited = h.startGateway(Map.of(GatewayConfig.RATE_PLAYER_PER_SECOND, "0.01",
        GatewayConfig.RATE_PLAYER_BURST, "2", GatewayConfig.RATE_APP_PER_SECOND, "0.01",
        GatewayConfig.RATE_APP_BURST, "5"))) {
      final Http http = new Http(limited.port());
      final Map<String, Object> spend = Map.of("idempotencyKey", "k", "currency", "gems", "amount", 1,
          "reason", "r");
      final String path = h.path("/players/" + player + "/spend");
      final Http.Response first = http.post(path, TestApp.SERVER_KEY, spend);
      final Http.Response second = http.post(path, TestApp.SERVER_KEY, spend);
      final Http.Response third = http.post(path, TestApp.SERVER_KEY, spend);
      final Http.Response otherPlayer = http.post(h.path("/players/other-" + player + "/spend"), TestApp.SERVER_KEY,
          spend);
      http.get(h.path("/catalog/items"), TestApp.SERVER_KEY);
      final Http.Response appLimited = http.get(h.path("/catalog/items"), TestApp.SERVER_KEY);

      assertThat(first.code()).as(first.toString()).isNotEqualTo("RATE_LIMITED");
      assertThat(second.code()).as(second.toString()).isNotEqualTo("RATE_LIMITED");
      assertThat(third.status()).as(third.toString()).isEqualTo(429);
      assertThat(third.code()).isEqualTo("RATE_LIMITED");
      assertThat(third.retryAfter()).isNotNull();
      assertThat(otherPlayer.code()).as(otherPlayer.toString()).isNotEqualTo("RATE_LIMITED");
      assertThat(appLimited.status()).as(appLimited.toString()).isEqualTo(429);
    }
  }
}
