package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.client.LocalServer.Reply;
import dev.coffer.client.model.Erasure;
import dev.coffer.client.model.CatalogImportResult;
import dev.coffer.client.model.Grants;
import dev.coffer.client.model.MigrationResult;
import dev.coffer.client.model.MigrationRow;
import dev.coffer.client.model.NotificationResult;
import dev.coffer.client.model.Product;
import dev.coffer.client.model.ProductType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bodies the SDK sends for migration, erasure, notifications and the catalog, and how it reads the answers. */
@Timeout(30)
class WritesAndCatalogTest {
  @Test
  void migrationSendsOneKindOfRowsAndReadsPerRowResults() {
    try (LocalServer server = new LocalServer()) {
      server.then("/v1/apps/demo/migrate/wallets", Reply.json(200, "{\"results\":[{\"row\":0,\"status\":\"APPLIED\","
          + "\"eventId\":\"e1\"},{\"row\":1,\"status\":\"INVALID\",\"code\":\"INVALID_FIELD\",\"detail\":\"bad\"}],"
          + "\"counts\":{\"APPLIED\":1,\"INVALID\":1}}"));
      final CofferClient client = Fixtures.client(server.uri());

      final List<MigrationRow.WalletRow> rows = List.of(new MigrationRow.WalletRow("alice", "gems", 40, "old-row-1"),
          new MigrationRow.WalletRow("bob", "gems", 0, null));
      assertThatThrownBy(() -> client.writes().migrate(rows)).as("a row without a key needs a batch")
          .isInstanceOf(IllegalArgumentException.class);
      final MigrationResult result = client.writes().migrate("import-7", rows);

      assertThat(result.results()).extracting(MigrationResult.Row::status)
          .containsExactly(MigrationResult.Status.APPLIED, MigrationResult.Status.INVALID);
      assertThat(result.results().get(0).succeeded()).isTrue();
      assertThat(result.counts()).containsEntry("INVALID", 1);
      assertThat(server.received().get(0).body()).isEqualTo(
          "{\"batchId\":\"import-7\",\"rows\":[{\"playerId\":\"alice\","
              + "\"idempotencyKey\":"
              + "\"old-row-1\",\"currency\":\"gems\",\"amount\":40},{\"playerId\":\"bob\",\"currency\":\"gems\","
              + "\"amount\":0}]}");
      assertThatThrownBy(() -> client.writes().migrate(Collections.nCopies(1_001,
          new MigrationRow.WalletRow("a", "gems", 1, null)))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> client.writes().migrate(List.of(new MigrationRow.WalletRow("a", "gems", 1, null),
          new MigrationRow.InventoryRow("a", "potion", 1, null)))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void erasureCarriesItsReasonAndNotificationsAnswerWhatTheyRecorded() {
    try (LocalServer server = new LocalServer()) {
      // The first DELETE is pending (the ledger's outcome was late): the SDK repeats it, as the API asks.
      server.then("/v1/apps/demo/players/a%20b", Reply.json(202, "{\"result\":\"pending\",\"eventId\":\"e1\"}",
          "Location", "/v1/apps/demo/events/e1"))
          .then("/v1/apps/demo/players/a%20b", Reply.json(200, "{\"result\":\"erased\",\"eventId\":\"e1\"}"))
          .then("/v1/apps/demo/notifications/stripe",
              Reply.json(200, "{\"status\":\"IGNORED\",\"detail\":\"no player\"}"))
          .then("/v1/apps/demo/notifications/apple", Reply.json(202, "{\"eventId\":\"e2\",\"status\":\"PENDING\"}",
              "Location", "/v1/apps/demo/events/e2"))
          .then("/v1/apps/demo/events/e2", Reply.json(200, Fixtures.outcome("e2", "REJECTED", "NOT_OWNED", null, 3)));
      final CofferClient client = Fixtures.client(server.uri());

      final Erasure erasure = client.writes().erase("a b", "ticket 42");
      assertThat(erasure.result()).isEqualTo(Erasure.Result.ERASED);
      assertThat(erasure.eventId()).isEqualTo("e1");
      assertThat(server.received()).hasSize(2).allSatisfy(r -> {
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.pathAndQuery()).isEqualTo("/v1/apps/demo/players/a%20b?reason=ticket%2042");
      });

      final NotificationResult stripe = client.writes().stripeNotification("t=1,v1=abc", "{\"id\":\"evt_1\"}");
      assertThat(stripe.ignored()).isTrue();
      assertThat(server.received("/v1/apps/demo/notifications/stripe").get(0).header("Stripe-Signature"))
          .isEqualTo("t=1,v1=abc");
      assertThat(server.received("/v1/apps/demo/notifications/stripe").get(0).body()).isEqualTo("{\"id\":\"evt_1\"}");

      final NotificationResult apple = client.writes().appleNotification("jws");
      assertThat(apple.outcomes()).singleElement().satisfies(o -> assertThat(o.rejected()).isTrue());
    }
  }

  @Test
  void catalogEntriesAreWrittenReadAndDeleted() {
    try (LocalServer server = new LocalServer()) {
      final String path = "/v1/apps/demo/catalog/products/gems_100";
      final String json = "{\"productId\":\"gems_100\",\"productType\":\"CONSUMABLE\",\"storeProductIds\":"
          + "{\"test\":\"gems_100\"},\"grants\":{\"currencies\":{\"gems\":100},\"items\":{}},\"autoConsume\":false}";
      server.then(path, Reply.json(200, json))
          .then(path, Reply.problem(404, "NOT_FOUND", ""))
          .then(path, new Reply(204, List.of(), null))
          .then(path, Reply.problem(404, "NOT_FOUND", ""))
          .then("/v1/apps/demo/catalog/import", Reply.json(200, "{\"products\":1,\"items\":0,\"deleted\":2}"));
      final CofferClient client = Fixtures.client(server.uri());
      final Product gems = new Product("gems_100", ProductType.CONSUMABLE, Map.of("test", "gems_100"),
          Grants.currency("gems", 100), false, null);

      assertThat(client.catalog().putProduct(gems)).isEqualTo(gems);
      assertThat(server.received(path).get(0).body()).isEqualTo(json);
      assertThat(client.catalog().product("gems_100")).isEmpty();
      assertThat(client.catalog().deleteProduct("gems_100")).isTrue();
      assertThat(client.catalog().deleteProduct("gems_100")).isFalse();
      final CatalogImportResult imported = client.catalog().importCsv("kind,id\n", true);
      assertThat(imported.deleted()).isEqualTo(2);
      final LocalServer.Received request = server.received("/v1/apps/demo/catalog/import").get(0);
      assertThat(request.pathAndQuery()).endsWith("?replace=true");
      assertThat(request.header("Content-Type")).isEqualTo("text/csv");
    }
  }

  @Test
  void aParkedWebhookIsReDrivenByItsId() {
    try (LocalServer server = new LocalServer()) {
      final String path = "/v1/apps/demo/webhooks/dead-letters/0-42/redrive";
      server.then(path, Reply.json(202, "{\"id\":\"0-42\",\"deliveryId\":\"d1\",\"state\":\"QUEUED\"}",
          "Location", "/v1/apps/demo/webhooks/dead-letters/0-42"))
          .then(path, Reply.problem(404, "DEAD_LETTER_NOT_FOUND", ""));
      final CofferClient client = Fixtures.client(server.uri());

      final var result = client.webhooks().redrive("0-42");
      assertThat(result.state()).isEqualTo("QUEUED");
      assertThat(result.deliveryId()).isEqualTo("d1");
      assertThat(server.received(path).get(0).method()).isEqualTo("POST");
      assertThatThrownBy(() -> client.webhooks().redrive("0-42")).isInstanceOfSatisfying(ProblemException.class,
          e -> assertThat(e.code()).isEqualTo("DEAD_LETTER_NOT_FOUND"));
    }
  }
}
