package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.embedded.Await;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a user runs it, with the real ledger, gateway and projections services: a purchase
 * written through the gateway is read back from projections with the version the write returned
 * (read-your-writes), its replay answers DUPLICATE with the original event, and after a restart on the
 * same data folder the player's wallet is still there and new writes continue its versions.
 */
@Tag("integration")
@Timeout(400)
class WholeStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String AUTH = "Bearer " + DemoSettings.LOCAL_SERVER_KEY;

  @Test
  void aWriteThroughTheGatewayIsReadBackFromProjectionsAndSurvivesARestart(@TempDir final Path dir)
      throws Exception {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final int gatewayPort = freePort();
    final int projectionsPort = freePort();
    final String gateway = "http://127.0.0.1:" + gatewayPort + "/v1/apps/demo";
    final String projections = "http://127.0.0.1:" + projectionsPort + "/v1/apps/demo";
    final String purchase = purchaseBody("bob", "whole-stack-1");
    final String eventId;

    try (LocalStack stack = LocalStack.start(config, services(gatewayPort, projectionsPort))) {
      final JsonNode bought = post(gateway + "/purchases", purchase, 200);
      assertThat(bought.get("status").asText()).isEqualTo("APPLIED");
      final long version = bought.get("version").asLong();
      eventId = bought.get("eventId").asText();

      final JsonNode wallet = get(projections + "/players/bob/wallet?minVersion=" + version, 200);
      assertThat(wallet.get("version").asLong()).isEqualTo(version);
      assertThat(balance(wallet, "gems")).isEqualTo(100);

      final JsonNode replay = post(gateway + "/purchases", purchase, 200);
      assertThat(replay.get("status").asText()).isEqualTo("DUPLICATE");
      assertThat(replay.get("originalEventId").asText()).isEqualTo(eventId);
      // The same outcome JSON from both services: the write's answer is what projections serves for it.
      // (The eventId store trails the views by its re-keying hop: poll it.)
      final JsonNode polled = Await.value("the outcome by eventId", Duration.ofSeconds(30), () -> {
        final HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(projections + "/events/" + eventId)));
        return r.statusCode() == 200 ? Optional.of(json(r)) : Optional.empty();
      });
      assertThat(polled).isEqualTo(bought);
    }

    try (LocalStack stack = LocalStack.start(config, services(gatewayPort, projectionsPort))) {
      assertThat(balance(get(projections + "/players/bob/wallet?minVersion=1", 200), "gems")).isEqualTo(100);
      assertThat(post(gateway + "/purchases", purchase, 200).get("originalEventId").asText())
          .as("the dedupe store survived the restart").isEqualTo(eventId);

      final JsonNode spent = post(gateway + "/players/bob/spend",
          "{\"idempotencyKey\":\"sword\",\"currency\":\"gems\",\"amount\":30,\"reason\":\"sword\"}", 200);
      assertThat(spent.get("version").asLong()).isEqualTo(2);
      final JsonNode wallet = get(projections + "/players/bob/wallet?minVersion=2", 200);
      assertThat(balance(wallet, "gems")).isEqualTo(70);
    }
  }

  private static List<LocalService> services(final int gatewayPort, final int projectionsPort) throws IOException {
    return List.of(
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(freePort()))),
        new ProjectionsLocalService(Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort))),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort))));
  }

  private static String purchaseBody(final String player, final String transactionId) {
    final String receipt = TestReceipts.sign(TestReceipt.of("demo", transactionId, "gems_100",
        Instant.parse("2026-11-01T10:00:00Z")), DemoSettings.LOCAL_TEST_STORE_SECRET);
    return "{\"playerId\":\"" + player + "\",\"store\":\"test\",\"productId\":\"gems_100\","
        + "\"receipt\":{\"signedReceipt\":\"" + receipt + "\"}}";
  }

  private static long balance(final JsonNode wallet, final String currency) {
    for (final JsonNode b : wallet.get("balances")) {
      if (b.get("currency").asText().equals(currency)) {
        return b.get("balance").asLong();
      }
    }
    throw new AssertionError("no " + currency + " balance in " + wallet);
  }

  private static JsonNode post(final String url, final String body, final int expectedStatus) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json"), expectedStatus);
  }

  private static JsonNode get(final String url, final int expectedStatus) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), expectedStatus);
  }

  private static JsonNode send(final HttpRequest.Builder request, final int expectedStatus) {
    final HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as("%s answered %s", response.uri(), response.body())
        .isEqualTo(expectedStatus);
    return json(response);
  }

  private static HttpResponse<String> send(final HttpRequest.Builder request) {
    try {
      return HTTP.send(request.header("Authorization", AUTH).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(final HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (final IOException e) {
      throw new UncheckedIOException(response.uri() + " answered no JSON: " + response.body(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
