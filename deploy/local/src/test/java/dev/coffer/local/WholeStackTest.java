package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.client.CofferClient;
import dev.coffer.client.ReadOptions;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.OutcomeStatus;
import dev.coffer.client.model.PurchaseRequest;
import dev.coffer.client.model.SpendRequest;
import dev.coffer.embedded.Await;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a user runs it, with the real ledger, gateway and projections services, driven through
 * the Java server SDK as a game server would: a purchase written through the gateway is read back from
 * projections with the version the write returned (read-your-writes), its replay answers DUPLICATE with the
 * original event, and after a restart on the same data folder the player's wallet is still there and new
 * writes continue its versions.
 */
@Tag("integration")
@Timeout(400)
class WholeStackTest {
  @Test
  void aWriteThroughTheGatewayIsReadBackFromProjectionsAndSurvivesARestart(@TempDir final Path dir)
      throws Exception {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final int gatewayPort = freePort();
    final int projectionsPort = freePort();
    final CofferClient coffer = CofferClient.builder()
        .gateway(URI.create("http://127.0.0.1:" + gatewayPort))
        .projections(URI.create("http://127.0.0.1:" + projectionsPort))
        .appId(DemoSettings.LOCAL_APP).apiKey(DemoSettings.LOCAL_SERVER_KEY).build();
    final PurchaseRequest purchase = purchase("bob", "whole-stack-1");
    final String eventId;

    try (LocalStack stack = LocalStack.start(config, services(gatewayPort, projectionsPort))) {
      final Outcome bought = coffer.writes().purchase(purchase);
      assertThat(bought.status()).isEqualTo(OutcomeStatus.APPLIED);
      eventId = bought.eventId();

      final var wallet = coffer.reads().wallet("bob", ReadOptions.atLeast(bought));
      assertThat(wallet.version()).isEqualTo(bought.version());
      assertThat(wallet.balance("gems")).isEqualTo(100);

      final Outcome replay = coffer.writes().purchase(purchase);
      assertThat(replay.status()).isEqualTo(OutcomeStatus.DUPLICATE);
      assertThat(replay.originalEventId()).isEqualTo(eventId);
      // The same outcome JSON from both services: the write's answer is what projections serves for it.
      // (The eventId store trails the views by its re-keying hop: poll it.)
      final Outcome polled = Await.value("the outcome by eventId", Duration.ofSeconds(30),
          () -> coffer.reads().event(eventId));
      assertThat(polled).isEqualTo(bought);
    }

    try (LocalStack stack = LocalStack.start(config, services(gatewayPort, projectionsPort))) {
      assertThat(coffer.reads().wallet("bob", ReadOptions.atLeast(1)).balance("gems")).isEqualTo(100);
      assertThat(coffer.writes().purchase(purchase).originalEventId())
          .as("the dedupe store survived the restart").isEqualTo(eventId);

      final Outcome spent = coffer.writes().spend("bob", SpendRequest.of("gems", 30, "sword")
          .withIdempotencyKey("sword"));
      assertThat(spent.version()).isEqualTo(2);
      assertThat(coffer.reads().wallet("bob", ReadOptions.atLeast(spent)).balance("gems")).isEqualTo(70);
    }
  }

  private static List<LocalService> services(final int gatewayPort, final int projectionsPort) throws IOException {
    return List.of(
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(freePort()))),
        new ProjectionsLocalService(Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort))),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort))));
  }

  private static PurchaseRequest purchase(final String player, final String transactionId) {
    final String receipt = TestReceipts.sign(TestReceipt.of("demo", transactionId, "gems_100",
        Instant.parse("2026-11-01T10:00:00Z")), DemoSettings.LOCAL_TEST_STORE_SECRET);
    return PurchaseRequest.testStore(player, receipt).productId("gems_100").build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
