package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.client.LocalServer.Reply;
import dev.coffer.client.model.InstanceStatus;
import dev.coffer.client.model.LedgerEntry;
import dev.coffer.client.model.Store;
import dev.coffer.client.model.Wallet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reads: minVersion sent and VIEW_BEHIND retried, paging, tolerant parsing. */
@Timeout(30)
class ReadsTest {
  private static final String WALLET = "/v1/apps/demo/players/alice/wallet";
  private static final String LEDGER = "/v1/apps/demo/players/alice/ledger";

  @Test
  void readYourWritesSendsMinVersionAndWaitsOutAViewBehind() {
    try (LocalServer server = new LocalServer()) {
      server.then(WALLET, Reply.problem(503, "VIEW_BEHIND", "", "Retry-After", "0"))
          .then(WALLET, Reply.json(200, "{\"appId\":\"demo\",\"playerId\":\"alice\",\"version\":7,\"balances\":"
              + "[{\"currency\":\"gems\",\"balance\":-5,\"debt\":5,\"addedLater\":1}],\"alsoNew\":true}"));

      final Wallet wallet = Fixtures.client(server.uri()).reads().wallet("alice", ReadOptions.atLeast(7));

      assertThat(wallet.version()).isEqualTo(7);
      assertThat(wallet.balance("gems")).isEqualTo(-5);
      assertThat(wallet.balance("gold")).isZero();
      assertThat(wallet.balances().get(0).debt()).isEqualTo(5);
      assertThat(server.received(WALLET)).extracting(LocalServer.Received::pathAndQuery)
          .containsOnly(WALLET + "?minVersion=7");
    }
  }

  @Test
  void theTailReadsPagesUntilItHasEnoughAndAnswersOldestFirst() {
    try (LocalServer server = new LocalServer()) {
      server.then(LEDGER, Reply.json(200, "{\"version\":5,\"entries\":[" + Fixtures.entry(5) + "," + Fixtures.entry(4)
          + "],\"nextCursor\":\"4\"}"))
          .then(LEDGER, Reply.json(200, "{\"version\":5,\"entries\":[" + Fixtures.entry(3)
              + "],\"nextCursor\":\"3\"}"));

      final List<LedgerEntry> tail = Fixtures.client(server.uri()).reads().ledgerTail("alice", 3,
          ReadOptions.atLeast(5));

      assertThat(tail).extracting(LedgerEntry::version).containsExactly(3L, 4L, 5L);
      assertThat(server.received(LEDGER)).extracting(LocalServer.Received::pathAndQuery)
          .containsExactly(LEDGER + "?limit=3&minVersion=5", LEDGER + "?limit=1&cursor=4");
    }
  }

  @Test
  void anUndecidedEventIsEmptyAndUnknownEnumSymbolsReadAsUnknown() {
    try (LocalServer server = new LocalServer()) {
      final String path = "/v1/apps/demo/events/e1";
      server.then(path, Reply.problem(404, "EVENT_NOT_FOUND", ""))
          .then(path, Reply.json(200, Fixtures.applied("e1", 1).replace("\"instances\":[]",
              "\"instances\":[{\"delta\":1,\"instance\":{\"instanceId\":\"i1\",\"itemId\":\"potion\",\"quantity\":1,"
                  + "\"status\":\"MELTED\",\"consumable\":true,\"acquiredAt\":\"2026-11-01T10:00:00Z\","
                  + "\"sourceEventId\":\"e1\",\"store\":\"MOON_STORE\",\"productType\":\"BUNDLE\"}}]")));
      final CofferClient client = Fixtures.client(server.uri());

      assertThat(client.reads().event("e1")).isEmpty();
      final var instance = client.reads().event("e1").orElseThrow().instances().get(0).instance();
      assertThat(instance.status()).isEqualTo(InstanceStatus.UNKNOWN);
      assertThat(instance.store()).isEqualTo(Store.UNKNOWN);
      assertThat(instance.productType()).isNull();
    }
  }

  @Test
  void anErasedPlayerIsAProblem() {
    try (LocalServer server = new LocalServer()) {
      server.then(WALLET, Reply.problem(404, "PLAYER_ERASED", ""));
      assertThatThrownBy(() -> Fixtures.client(server.uri()).reads().wallet("alice"))
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("PLAYER_ERASED"));
    }
  }
}
