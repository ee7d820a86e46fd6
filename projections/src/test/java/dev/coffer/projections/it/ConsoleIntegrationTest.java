package dev.coffer.projections.it;

import static dev.coffer.projections.it.HttpCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's endpoints against two real projections instances fed by the real ledger: revenue with a
 * priced refund and the outcome mix from the analytics application (read through either instance: one
 * forwards to the owner of the app), the ledger's and the webhooks' dead letters with their reasons, a
 * re-drive that delivers a parked webhook once, and the page itself.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@ExtendWith(CofferStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIntegrationTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String APP = "/v1/apps/" + ProjectionsCluster.APP;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private static HttpServer receiver;
  private static final AtomicBoolean failing = new AtomicBoolean(true);
  private static final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
  private static ProjectionsCluster cluster;

  @BeforeAll
  static void start(final CofferStack stack) throws IOException, InterruptedException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      final int status = failing.get() ? 500 : 204;
      if (status == 204) {
        delivered.add(exchange.getRequestHeaders().getFirst("Coffer-Delivery-Id"));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    cluster = new ProjectionsCluster(stack, dir, 2, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        true);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  @Order(1)
  void theAppViewShowsRevenueWithPricedRefundsAndTheOutcomeMixThroughEitherInstance() {
    final String player = "payer-" + System.nanoTime();
    final PurchaseVerified purchase = PurchaseVerified.newBuilder().setStore(Store.TEST).setProductId("coins_300")
        .setStoreProductId("sku.coins_300").setProductType(ProductType.CONSUMABLE).setTransactionId("console-t1")
        .setPurchaseTime(Instant.now()).setQuantity(3).setPrice(new BigDecimal("3.000000")).setCurrency("EUR")
        .setGrants(Grants.newBuilder().setCurrencies(Map.of("coins", 300L)).setItems(List.of()).build()).build();
    assertThat(cluster.purchase(player, purchase).getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(cluster.purchase(player, purchase).getStatus()).isEqualTo(OutcomeStatus.DUPLICATE);
    final LedgerOutcome refund = cluster.notification(player, "refund-console-t1", PurchaseRevoked.newBuilder()
        .setStore(Store.TEST).setTransactionId("console-t1").setReason(RevocationReason.REFUND)
        .setRevokedAt(Instant.now()).setQuantity(1L).build());
    assertThat(refund.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    final LedgerOutcome overdraw = cluster.submit(player, CurrencySpent.newBuilder().setCurrency("coins")
        .setAmount(1_000_000L).setReason("too much").build());
    assertThat(overdraw.getReason()).isEqualTo("INSUFFICIENT_FUNDS");

    for (final int instance : new int[] {0, 1}) {
      final JsonNode eur = Await.value("the revenue in EUR on instance " + instance, WAIT, () -> {
        final JsonNode answer = ok(instance, APP + "/analytics/revenue");
        for (final JsonNode total : answer.path("totals")) {
          if ("EUR".equals(total.path("currency").asText()) && total.path("refunds").asLong() == 1) {
            return Optional.of(total);
          }
        }
        return Optional.empty();
      });
      assertThat(eur.path("purchases").asLong()).isEqualTo(1);
      assertThat(eur.path("gross").asText()).isEqualTo("3");
      assertThat(eur.path("refunded").asText()).as("one unit of three").isEqualTo("1");
      assertThat(eur.path("net").asText()).isEqualTo("2");

      final JsonNode mix = Await.value("the outcome mix on instance " + instance, WAIT, () -> {
        final JsonNode answer = ok(instance, APP + "/analytics/outcomes?minutes=10");
        return answer.path("applied").asLong() == 2 && answer.path("duplicate").asLong() == 1
            && answer.path("rejected").path("INSUFFICIENT_FUNDS").asLong() == 1 ? Optional.of(answer) : Optional
                .empty();
      });
      assertThat(mix.path("minutes").size()).isPositive();
      assertThat(mix.path("rejected").size()).isEqualTo(1);
    }
  }

  @Test
  @Order(2)
  void deadLettersCarryTheirReasonsAndAParkedWebhookIsRedrivenOnce() {
    final String player = "hooked-" + System.nanoTime();
    final LedgerOutcome grant = cluster.grant(player, 10, 0);
    final JsonNode parked = Await.value("the parked wallet.changed webhook", WAIT, () -> {
      for (final JsonNode d : ok(0, APP + "/webhooks/dead-letters").path("deadLetters")) {
        if (grant.getEventId().toString().equals(d.path("body").path("eventId").asText())
            && "wallet.changed".equals(d.path("type").asText())) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    });
    assertThat(parked.path("attempts").asInt()).isEqualTo(4);
    assertThat(parked.path("lastError").asText()).isEqualTo("HTTP 500");
    assertThat(parked.path("redrive").isNull()).isTrue();
    final String id = parked.path("id").asText();
    final String deliveryId = parked.path("deliveryId").asText();

    // A purchase keyed like a call breaks the ledger's format rule: it is parked by the ledger, with its reason.
    cluster.sendOnly(player, PurchaseVerified.newBuilder().setStore(Store.TEST).setProductId("coins_300")
        .setStoreProductId("sku.coins_300").setProductType(ProductType.CONSUMABLE).setTransactionId("console-bad")
        .setPurchaseTime(Instant.now()).setGrants(Grants.newBuilder().setCurrencies(Map.of()).setItems(List.of())
            .build()).build());
    final JsonNode ledgerLetter = Await.value("the ledger's dead letter", WAIT, () -> {
      final JsonNode answer = ok(1, APP + "/ledger/dead-letters");
      return answer.path("deadLetters").size() > 0 ? Optional.of(answer.path("deadLetters").get(0)) : Optional.empty();
    });
    assertThat(ledgerLetter.path("key").asText()).startsWith(ProjectionsCluster.APP + "|player|");
    assertThat(ledgerLetter.path("reason").asText()).isNotBlank();
    assertThat(ledgerLetter.path("headers").path("coffer.dlq.reason").asText())
        .isEqualTo(ledgerLetter.path("reason").asText());

    final String redrive = APP + "/webhooks/dead-letters/" + id + "/redrive";
    assertThat(post(0, redrive, ProjectionsCluster.CLIENT_KEY).statusCode()).as("a client key").isEqualTo(403);
    assertThat(post(0, APP + "/webhooks/dead-letters/nonsense/redrive", ProjectionsCluster.SERVER_KEY).statusCode())
        .isEqualTo(400);
    assertThat(post(0, APP + "/webhooks/dead-letters/0-999999/redrive", ProjectionsCluster.SERVER_KEY).statusCode())
        .isEqualTo(404);

    failing.set(false);
    final HttpResponse<String> queued = post(1, redrive, ProjectionsCluster.SERVER_KEY);
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
    assertThat(queued.headers().firstValue("Location")).contains(APP + "/webhooks/dead-letters/" + id);
    assertThat(json(queued).path("state").asText()).isEqualTo("QUEUED");
    Await.until("the re-driven webhook delivered", WAIT, () -> delivered.contains(deliveryId));
    final JsonNode after = Await.value("the re-drive recorded", WAIT, () -> {
      final JsonNode letter = ok(0, APP + "/webhooks/dead-letters/" + id);
      return letter.path("redrive").isObject() ? Optional.of(letter) : Optional.empty();
    });
    assertThat(after.path("redrive").path("state").asText()).isEqualTo("DELIVERED");

    final HttpResponse<String> again = post(0, redrive, ProjectionsCluster.SERVER_KEY);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).path("state").asText()).isEqualTo("DELIVERED");
    assertThat(delivered.stream().filter(deliveryId::equals).count()).as("delivered once").isEqualTo(1);
    // The marker is not listed as a dead letter; the listing shows the re-drive's result.
    final JsonNode listed = ok(0, APP + "/webhooks/dead-letters");
    assertThat(listed.path("deadLetters").findValuesAsText("id")).containsOnlyOnce(id);
    for (final JsonNode d : listed.path("deadLetters")) {
      if (d.path("id").asText().equals(id)) {
        assertThat(d.path("redrive").path("state").asText()).isEqualTo("DELIVERED");
      }
    }
  }

  @Test
  @Order(3)
  void theConsoleEndpointsNeedAServerKeyAndThePageIsServed() throws IOException, InterruptedException {
    final HttpResponse<String> anonymous = CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.baseUrl(0) + APP
        + "/analytics/revenue")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(get(0, APP + "/ledger/dead-letters", ProjectionsCluster.CLIENT_KEY).statusCode()).isEqualTo(403);
    assertThat(json(get(0, APP + "/analytics/revenue?from=2026-02-01&to=2026-01-01", ProjectionsCluster.SERVER_KEY))
        .path("code").asText()).isEqualTo("INVALID_DATE_RANGE");
    assertThat(json(get(0, APP + "/analytics/outcomes?minutes=0", ProjectionsCluster.SERVER_KEY)).path("code")
        .asText()).isEqualTo("INVALID_MINUTES");
    assertThat(get(0, "/v1/apps/no-such-app/analytics/revenue", ProjectionsCluster.SERVER_KEY).statusCode())
        .isEqualTo(404);

    final HttpResponse<String> page = get(1, "/console", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(page.body()).contains("Coffer console", "/console/console.js", "/console/chart.umd.js");
    assertThat(get(1, "/console/chart.umd.js", null).body()).contains("Chart");
    assertThat(get(1, "/console/console.js", null).headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/javascript");
    assertThat(get(1, "/console/nothing.js", null).statusCode()).isEqualTo(404);
  }

  private static JsonNode ok(final int instance, final String path) {
    final HttpResponse<String> response = get(instance, path, ProjectionsCluster.SERVER_KEY);
    assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isEqualTo(200);
    return json(response);
  }

  private static HttpResponse<String> get(final int instance, final String path, final String key) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.baseUrl(instance) + path))
        .timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  private static HttpResponse<String> post(final int instance, final String path, final String key) {
    return send(HttpRequest.newBuilder(URI.create(cluster.baseUrl(instance) + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static HttpResponse<String> send(final HttpRequest request) {
    return HttpCalls.send(CLIENT, request);
  }
}
