package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/apps/{appId}/events/{eventId}} on the gateway when projections cannot answer it: a clear 503 to
 * retry, never a 404 that would read as "no such event". (With projections running, the whole-stack test of
 * deploy/local follows a 202's Location through the gateway to the outcome.)
 */
@Tag("integration")
@Timeout(120)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class EventLocationTest {

  @Test
  void withoutProjectionsUrlTheLocationAnswers503ToRetry(final GatewayHarness h) {
    // The harness's own gateway asks its in-process projections: this one is configured without them.
    try (Gateway gateway = h.startGateway(Map.of(GatewayConfig.PROJECTIONS_URL, "",
        GatewayConfig.PROJECTIONS_TOKEN, ""))) {
      final Http.Response answer = new Http(gateway.port()).get(h.path("/events/" + UUID.randomUUID()),
          TestApp.SERVER_KEY);

      assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
      assertThat(answer.code()).isEqualTo("PROJECTIONS_UNAVAILABLE");
      assertThat(answer.retryAfter()).isEqualTo("1");
    }
  }

  @Test
  void withProjectionsDownTheLocationAnswers503ToRetry(final GatewayHarness h) throws IOException {
    final int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (Gateway gateway = h.startGateway(Map.of(GatewayConfig.PROJECTIONS_URL, "http://127.0.0.1:" + closed))) {
      final Http.Response answer = new Http(gateway.port()).get(h.path("/events/" + UUID.randomUUID()),
          TestApp.SERVER_KEY);

      assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
      assertThat(answer.code()).isEqualTo("PROJECTIONS_UNAVAILABLE");
      assertThat(answer.body().path("detail").asText()).contains("cannot be reached");
    }
  }
}
