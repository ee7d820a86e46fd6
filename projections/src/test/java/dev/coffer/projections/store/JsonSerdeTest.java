package dev.coffer.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.wallet.BalanceMove;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stores keep a change's sealed details and HTTP never shows them: the answers' mapper hides them by a mix-in,
 * which must hold whatever binds the properties (the mappers bind through Blackbird's generated accessors).
 */
class JsonSerdeTest {
  private final HistoryEntry entry = new HistoryEntry(4, "e-1", "GRANT", Instant.parse("2026-12-06T20:00:00Z"),
      false, List.of(new BalanceMove("gems", 5, 45)), List.of(), new byte[] {1, 2, 3});

  @Test
  void theStoreKeepsSealedDetails() {
    final JsonSerde<HistoryEntry> serde = new JsonSerde<>(HistoryEntry.class);

    final HistoryEntry read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", entry));

    assertThat(read.encryptedDetails()).containsExactly(1, 2, 3);
    assertThat(read.balances()).isEqualTo(entry.balances());
    assertThat(read.occurredAt()).isEqualTo(entry.occurredAt());
  }

  @Test
  void httpAnswersLeaveSealedDetailsOut() {
    final JsonNode answer = JsonSerde.httpMapper().valueToTree(entry);

    assertThat(answer.has("encryptedDetails")).isFalse();
    assertThat(answer.path("eventId").asText()).isEqualTo("e-1");
    assertThat(answer.path("occurredAt").asText()).isEqualTo("2026-12-06T20:00:00Z");
    assertThat(answer.path("balances").get(0).path("balance").asLong()).isEqualTo(45);
  }
}
