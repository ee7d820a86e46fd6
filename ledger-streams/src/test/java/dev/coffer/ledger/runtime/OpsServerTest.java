package dev.coffer.ledger.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.service.health.Health;
import dev.coffer.service.http.OpsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The ledger's ops server as {@link LedgerService} starts it: health by the Streams state, and its metrics. */
class OpsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(final int port, final String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthFollowsTheStreamsStateAndMetricsCountOutcomes() throws IOException, InterruptedException {
    final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
    try (LedgerMetrics metrics = new LedgerMetrics();
        OpsServer server = OpsServer.start("127.0.0.1", 0, new Health().streams(state::get), metrics.service(),
            Map.of())) {
      final HttpResponse<String> created = get(server.port(), "/health");
      assertThat(created.statusCode()).isEqualTo(503);
      assertThat(created.body()).isEqualTo(
          "{\"status\":\"DOWN\",\"state\":\"CREATED\",\"failed\":{\"streams-running\":\"Kafka Streams is CREATED\"}}");
      assertThat(get(server.port(), "/live").statusCode()).as("starting is alive").isEqualTo(200);

      state.set(KafkaStreams.State.REBALANCING);
      assertThat(get(server.port(), "/ready").statusCode()).as("not ready while rebalancing").isEqualTo(503);
      assertThat(get(server.port(), "/live").statusCode()).isEqualTo(200);
      state.set(KafkaStreams.State.RUNNING);
      final HttpResponse<String> running = get(server.port(), "/health");
      assertThat(running.statusCode()).isEqualTo(200);
      assertThat(running.body()).contains("\"state\":\"RUNNING\"");
      assertThat(running.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("application/json"));
      state.set(KafkaStreams.State.ERROR);
      assertThat(get(server.port(), "/health").statusCode()).isEqualTo(503);
      assertThat(get(server.port(), "/live").statusCode()).as("a failed client must be restarted").isEqualTo(503);

      metrics.onOutcome("game-1", "APPLIED", null);
      metrics.onOutcome("game-1", "REJECTED", "INSUFFICIENT_FUNDS");
      metrics.onOutcome("game-1", "REJECTED", "INSUFFICIENT_FUNDS");
      metrics.onDeadLetter("UNDECODABLE");
      metrics.onRedelivery("game-1");
      final HttpResponse<String> scrape = get(server.port(), "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .contains(
              "coffer_ledger_outcomes_total{app=\"game-1\",reason=\"INSUFFICIENT_FUNDS\",status=\"REJECTED\"} 2.0")
          .contains("coffer_ledger_outcomes_total{app=\"game-1\",reason=\"none\",status=\"APPLIED\"} 1.0")
          .contains("coffer_ledger_dead_letters_total{reason=\"UNDECODABLE\"} 1.0")
          .contains("coffer_ledger_redeliveries_total{app=\"game-1\"} 1.0")
          .contains("jvm_memory_used_bytes", "http_server_requests_seconds_count{method=\"GET\"");
    }
  }
}
