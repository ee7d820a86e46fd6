package dev.coffer.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.local.LocalConfig;
import dev.coffer.local.LocalContext;
import dev.coffer.local.LocalService;
import dev.coffer.local.LocalStack;
import dev.coffer.local.manifests.Manifests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
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
  private static final int REQUESTS = 200;

  @Test
  void aBurstOfDemoTrafficHasNoErrorsAndEveryReplayIsADuplicate(@TempDir final Path dir) throws Exception {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final TestLedger ledger = new TestLedger();
    final TestGateway gateway = new TestGateway();
    final List<String> lines = new CopyOnWriteArrayList<>();
    try (LocalStack stack = LocalStack.start(config, List.of(ledger, gateway))) {
      final DemoSettings settings = new DemoSettings(URI.create("http://127.0.0.1:" + gateway.port()),
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
      exported.addAll(Manifests.metricNames(scrape(ledger.opsPort())));
      exported.addAll(Manifests.metricNames(scrape(gateway.port())));
      final Set<String> wanted = new TreeSet<>(Manifests.dashboardMetrics());
      // Projections does not run here; dead-letter counters appear with the first dead letter.
      wanted.removeIf(m -> m.startsWith("coffer_projections_") || m.equals("coffer_ledger_dead_letters_total"));
      assertThat(exported).containsAll(wanted);
    }
  }

  private static String scrape(final int port) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  /** The ledger on the stack, its ops HTTP on a free port (the local stack's adapter fixes 8091). */
  private static final class TestLedger implements LocalService {
    private LedgerService ledger;

    @Override
    public String name() {
      return "ledger";
    }

    @Override
    public void start(final LocalContext context) throws InterruptedException {
      final Map<String, String> settings = new HashMap<>();
      settings.put(LedgerConfig.BOOTSTRAP_SERVERS, context.bootstrapServers());
      settings.put(LedgerConfig.REGISTRY_URL, context.registryUrl());
      settings.put(LedgerConfig.STATE_DIR, context.serviceDir(name()).resolve("state").toString());
      settings.put(LedgerConfig.REPLICATION_FACTOR, "1");
      settings.put(LedgerConfig.MIN_INSYNC_REPLICAS, "1");
      settings.put(LedgerConfig.NUM_STANDBY_REPLICAS, "0");
      settings.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "32MiB");
      settings.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "8MiB");
      settings.put(LedgerConfig.HTTP_PORT, "0");
      ledger = LedgerService.create(LedgerConfig.fromMap(settings)).start();
      final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (ledger.state() != KafkaStreams.State.RUNNING) {
        if (ledger.failed() || ledger.awaitTermination(Duration.ofMillis(100))) {
          throw new IllegalStateException("the ledger stopped while starting", ledger.failure().orElse(null));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the ledger did not reach RUNNING (state " + ledger.state() + ")");
        }
      }
    }

    int opsPort() {
      return ledger.opsPort();
    }

    @Override
    public void close() {
      if (ledger != null) {
        ledger.close();
      }
    }
  }

  /** The gateway on the stack's shared apps file, on a free port (the local stack's adapter fixes 8080). */
  private static final class TestGateway implements LocalService {
    private Gateway gateway;

    @Override
    public String name() {
      return "gateway";
    }

    @Override
    public void start(final LocalContext context) {
      final Map<String, String> settings = new HashMap<>();
      settings.put(GatewayConfig.BOOTSTRAP_SERVERS, context.bootstrapServers());
      settings.put(GatewayConfig.REGISTRY_URL, context.registryUrl());
      settings.put(GatewayConfig.APPS_FILE, context.appsFile().toString());
      settings.put(GatewayConfig.HTTP_PORT, "0");
      gateway = Gateway.start(GatewayConfig.fromMap(settings));
    }

    int port() {
      return gateway.port();
    }

    @Override
    public void close() {
      if (gateway != null) {
        gateway.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
