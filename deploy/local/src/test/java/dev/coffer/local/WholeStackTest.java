package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.FreePorts;
import dev.coffer.embedded.Infrastructure;
import dev.coffer.embedded.openapi.CheckedHttpClient;
import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a user runs it, with the real ledger, gateway and projections services: a purchase
 * written through the gateway past its wait bound is followed from the 202's Location, on the gateway, to its
 * outcome, and read back from projections with the version the write returned (read-your-writes); its replay
 * answers DUPLICATE naming the original event; both services answer the same outcome JSON; after a restart on
 * the same data folder the player's wallet is still there and new writes continue its versions. Every answer
 * is held to the answering service's OpenAPI document.
 */
@Tag("integration")
@Timeout(400)
class WholeStackTest {
  private static final Iterator<Integer> PORTS = FreePorts.distinct(12).iterator();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH = "Bearer " + DemoSettings.LOCAL_SERVER_KEY;
  private static final OpenApiContract GATEWAY = OpenApiContract.load("/openapi.yaml");
  private static final OpenApiContract PROJECTIONS = OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml");
  private HttpClient http;

  @Test
  void aWriteThroughTheGatewayIsReadBackFromProjectionsAndSurvivesARestart(@TempDir final Path dir)
      throws Exception {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final int gatewayPort = freePort();
    final int projectionsPort = freePort();
    http = new CheckedHttpClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        uri -> uri.getPort() == gatewayPort ? GATEWAY : uri.getPort() == projectionsPort ? PROJECTIONS : null);
    final String gatewayBase = "http://127.0.0.1:" + gatewayPort;
    final String gateway = gatewayBase + "/v1/apps/demo";
    final String projections = "http://127.0.0.1:" + projectionsPort + "/v1/apps/demo";
    final String purchase = purchaseBody("bob", "whole-stack-1");
    final String eventId;

    // 1 ms: the gateway answers every write 202 with a Location, which must work where the client got it.
    try (LocalStack stack = LocalStack.start(config, services(gatewayPort, projectionsPort, "1ms"),
        Infrastructure.configured())) {
      final HttpResponse<String> pending = send(post(gateway + "/purchases", purchase));
      assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
      eventId = json(pending).get("eventId").asText();
      final String location = pending.headers().firstValue("Location").orElseThrow();
      assertThat(location).isEqualTo("/v1/apps/demo/events/" + eventId);
      final JsonNode bought = poll(gatewayBase + location);
      assertThat(bought.get("status").asText()).isEqualTo("APPLIED");
      assertThat(bought.get("eventId").asText()).isEqualTo(eventId);
      final long version = bought.get("version").asLong();

      final JsonNode wallet = get(projections + "/players/bob/wallet?minVersion=" + version, 200);
      assertThat(wallet.get("version").asLong()).isEqualTo(version);
      assertThat(balance(wallet, "gems")).isEqualTo(100);

      final HttpResponse<String> replay = send(post(gateway + "/purchases", purchase));
      assertThat(replay.statusCode()).isEqualTo(202);
      final JsonNode duplicate = poll(gatewayBase + replay.headers().firstValue("Location").orElseThrow());
      assertThat(duplicate.get("status").asText()).isEqualTo("DUPLICATE");
      assertThat(duplicate.get("originalEventId").asText()).isEqualTo(eventId);
      assertThat(duplicate.get("version").asLong()).isEqualTo(version);
      // The same outcome JSON from both services: the gateway serves projections' answer as it is.
      assertThat(get(projections + "/events/" + eventId, 200)).isEqualTo(bought);
    }

    try (LocalStack stack = LocalStack.start(config, services(gatewayPort, projectionsPort, "5s"),
        Infrastructure.configured())) {
      assertThat(balance(get(projections + "/players/bob/wallet?minVersion=1", 200), "gems")).isEqualTo(100);
      final JsonNode again = json(expect(send(post(gateway + "/purchases", purchase)), 200));
      assertThat(again.get("originalEventId").asText()).as("the dedupe store survived the restart").isEqualTo(eventId);
      assertThat(again.get("status").asText()).isEqualTo("DUPLICATE");

      final JsonNode spent = json(expect(send(post(gateway + "/players/bob/spend",
          "{\"idempotencyKey\":\"sword\",\"currency\":\"gems\",\"amount\":30,\"reason\":\"sword\"}")), 200));
      assertThat(spent.get("version").asLong()).isEqualTo(2);
      // A 200's outcome is what its eventId reads as, through the gateway too.
      assertThat(poll(gatewayBase + "/v1/apps/demo/events/" + spent.get("eventId").asText())).isEqualTo(spent);
      final JsonNode wallet = get(projections + "/players/bob/wallet?minVersion=2", 200);
      assertThat(balance(wallet, "gems")).isEqualTo(70);
    }
  }

  private static List<LocalService> services(final int gatewayPort, final int projectionsPort,
                                             final String outcomeWait) throws IOException {
    final ProjectionsLocalService projections = new ProjectionsLocalService(
        Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort)));
    return List.of(
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(freePort()))),
        projections,
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort),
            GatewayConfig.OUTCOME_WAIT, outcomeWait)));
  }

  /** GETs an event's outcome until the ledger has decided it (404 EVENT_NOT_FOUND until then). */
  private JsonNode poll(final String url) {
    return Await.value("the outcome at " + url, Duration.ofSeconds(30), () -> {
      final HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET());
      return r.statusCode() == 200 ? Optional.of(json(r)) : Optional.empty();
    });
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

  private static HttpRequest.Builder post(final String url, final String body) {
    return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
  }

  private JsonNode get(final String url, final int expectedStatus) {
    return json(expect(send(HttpRequest.newBuilder(URI.create(url)).GET()), expectedStatus));
  }

  private static HttpResponse<String> expect(final HttpResponse<String> response, final int status) {
    assertThat(response.statusCode()).as("%s answered %s", response.uri(), response.body()).isEqualTo(status);
    return response;
  }

  private HttpResponse<String> send(final HttpRequest.Builder request) {
    try {
      return http.send(request.header("Authorization", AUTH).timeout(Duration.ofSeconds(30)).build(),
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

  /** The next of this class's distinct free ports (asked together: one asked and closed may come again). */
  private static int freePort() {
    return PORTS.next();
  }
}
