package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class MigrationTest {

  @Test
  void migratesRowsWithAResultPerRowMarkedAsMigration(final GatewayHarness h) {
    final String a = "m-" + UUID.randomUUID();
    final String b = "m-" + UUID.randomUUID();
    final Map<String, Object> wallets = Map.of("batchId", "batch-" + UUID.randomUUID(), "rows", List.of(
        Map.of("playerId", a, "currency", "gems", "amount", 40),
        Map.of("playerId", b, "currency", "gems", "amount", -1),
        Map.of("playerId", b, "currency", "gold", "amount", 3, "idempotencyKey", "legacy-77")));

    final Http.Response first = h.http.post(h.path("/migrate/wallets"), TestApp.SERVER_KEY, wallets);
    final Http.Response again = h.http.post(h.path("/migrate/wallets"), TestApp.SERVER_KEY, wallets);
    final Http.Response inventory = h.http.post(h.path("/migrate/inventory"), TestApp.SERVER_KEY,
        Map.of("batchId", "inventory-" + UUID.randomUUID(), "rows", List.of(Map.of("playerId", a, "itemId", "potion",
            "quantity", 4),
            Map.of("playerId", a, "itemId", "unicorn", "quantity", 1))));
    final Http.Response players = h.http.post(h.path("/migrate/players"), TestApp.SERVER_KEY,
        Map.of("batchId", "players-" + UUID.randomUUID(), "rows", List.of(Map.of("playerId", b, "currencies", Map.of(
            "gems", 2), "items", Map.of("sword", 1)))));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    final JsonNode rows = first.body().get("results");
    assertThat(rows.get(0).get("status").asText()).isEqualTo("APPLIED");
    assertThat(rows.get(1).get("status").asText()).isEqualTo("INVALID");
    assertThat(rows.get(1).get("code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(rows.get(2).get("status").asText()).isEqualTo("APPLIED");
    final JsonNode replayed = again.body().get("results");
    assertThat(replayed.get(0).get("status").asText()).as(again.toString()).isEqualTo("DUPLICATE");
    assertThat(replayed.get(0).get("originalEventId").asText()).isEqualTo(rows.get(0).get("eventId").asText());
    assertThat(replayed.get(0).get("eventId").asText()).isNotEqualTo(rows.get(0).get("eventId").asText());
    assertThat(inventory.body().get("results").get(0).get("status").asText()).isEqualTo("APPLIED");
    assertThat(inventory.body().get("results").get(1).get("code").asText()).isEqualTo("UNKNOWN_ITEM");
    assertThat(players.body().get("results").get(0).get("status").asText()).as(players.toString())
        .isEqualTo("APPLIED");

    final String eventId = rows.get(0).get("eventId").asText();
    final LedgerEvent event = Topics.submitted(h.stack).stream()
        .filter(e -> e.getEventId().toString().equals(eventId)).findFirst().orElseThrow();
    assertThat(event.getMigration()).isTrue();
  }

  @Test
  void twoEqualRowsWithoutKeysAreTwoGrantsAndTheSameBatchAgainIsSafe(final GatewayHarness h) {
    final String player = "m-" + UUID.randomUUID();
    final Map<String, Object> row = Map.of("playerId", player, "currency", "gems", "amount", 10);
    final Map<String, Object> batch = Map.of("batchId", "legacy-" + UUID.randomUUID(), "rows", List.of(row, row));

    final Http.Response first = h.http.post(h.path("/migrate/wallets"), TestApp.SERVER_KEY, batch);
    final Http.Response again = h.http.post(h.path("/migrate/wallets"), TestApp.SERVER_KEY, batch);
    final Http.Response unkeyed = h.http.post(h.path("/migrate/wallets"), TestApp.SERVER_KEY,
        Map.of("rows", List.of(row)));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.body().get("counts").get("APPLIED").asInt()).as(first.toString()).isEqualTo(2);
    assertThat(again.body().get("counts").get("DUPLICATE").asInt()).as(again.toString()).isEqualTo(2);
    assertThat(unkeyed.status()).as(unkeyed.toString()).isEqualTo(400);
    assertThat(unkeyed.code()).isEqualTo("INVALID_FIELD");
    assertThat(unkeyed.body().get("detail").asText()).contains("batchId");
    assertThat(first.body().get("results").get(0).get("eventId").asText())
        .isNotEqualTo(first.body().get("results").get(1).get("eventId").asText());
  }
}
