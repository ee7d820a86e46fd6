package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.FreePorts;
import dev.coffer.embedded.Infrastructure;
import dev.coffer.embedded.openapi.CheckedHttpClient;
import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.local.demo.DemoStats;
import dev.coffer.local.demo.DemoTraffic;
import dev.coffer.local.manifests.Manifests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short burst of demo traffic against the real in-process stack (broker, registry, ledger,
 * gateway on free ports): no errors, and every replay answered DUPLICATE. The same running stack
 * then checks that the Grafana dashboard's ledger and gateway metrics are really exported.
 */
@Tag("integration")
@Timeout(400)
class DemoTrafficTest {
  private static final Iterator<Integer> PORTS = FreePorts.distinct(12).iterator();
  private static final int REQUESTS = 200;
  private static final OpenApiContract GATEWAY = OpenApiContract.load("/openapi.yaml");

  @Test
  void aBurstOfDemoTrafficHasNoErrorsAndEveryReplayIsADuplicate(@TempDir final Path dir) throws Exception {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final int ledgerPort = freePort();
    final int gatewayPort = freePort();
    // The stack's own adapters, on free ports.
    final LocalService ledger = new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(ledgerPort)));
    final LocalService gateway = new GatewayLocalService(
        Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort)));
    final List<String> lines = new CopyOnWriteArrayList<>();
    try (LocalStack stack = LocalStack.start(config, List.of(ledger, gateway), Infrastructure.configured())) {
      final DemoSettings settings = new DemoSettings(URI.create("http://127.0.0.1:" + gatewayPort),
          DemoSettings.LOCAL_APP, DemoSettings.LOCAL_SERVER_KEY, DemoSettings.LOCAL_TEST_STORE_SECRET, 4, 5,
          REQUESTS, 0.10, Duration.ofSeconds(30), 42L);
      final DemoStats stats;
      try (DemoTraffic traffic = DemoTraffic.start(settings, line -> {
        lines.add(line);
        System.out.println(line);
      })) {
        assertThat(traffic.awaitDone(Duration.ofMinutes(4))).as("burst finished").isTrue();
        stats = traffic.stats();
      }

      assertThat(stats.count(DemoStats.Result.ERROR)).as("errors, last: %s", stats.lastError()).isZero();
      assertThat(stats.count(DemoStats.Result.PENDING)).as("202 answers").isZero();
      assertThat(stats.requests()).isEqualTo(REQUESTS);
      assertThat(stats.replays()).as("replays").isPositive();
      assertThat(stats.count(DemoStats.Result.DUPLICATE)).as("DUPLICATE answers").isEqualTo(stats.replays());
      assertThat(stats.count(DemoStats.Result.APPLIED)).isPositive();
      // Overdraws and second sword packs are in the mix.
      assertThat(stats.count(DemoStats.Result.REJECTED)).isPositive();
      assertThat(lines).last().asString().startsWith("demo finished: " + REQUESTS + " requests");

      // The dashboard's ledger and gateway metrics exist in what the services export.
      final Set<String> exported = new TreeSet<>();
      exported.addAll(Manifests.metricNames(scrape(ledgerPort, gatewayPort)));
      exported.addAll(Manifests.metricNames(scrape(gatewayPort, gatewayPort)));
      final Set<String> wanted = new TreeSet<>(Manifests.dashboardMetrics());
      // Projections does not run here; the dead-letter and redelivery counters appear with their first count.
      wanted.removeIf(m -> m.startsWith("coffer_projections_") || m.equals("coffer_ledger_dead_letters_total")
          || m.equals("coffer_ledger_redeliveries_total"));
      assertThat(exported).containsAll(wanted);
    }
  }

  private static String scrape(final int port, final int gatewayPort) throws IOException, InterruptedException {
    // The gateway's /metrics is held to its OpenAPI document (the ledger has none).
    try (HttpClient http = new CheckedHttpClient(HttpClient.newHttpClient(),
        uri -> uri.getPort() == gatewayPort ? GATEWAY : null)) {
      final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  /** The next of this class's distinct free ports (asked together: one asked and closed may come again). */
  private static int freePort() {
    return PORTS.next();
  }
}
