package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A write whose outcome does not come within {@code outcome.wait}: 202, recorded, and safe to retry. */
@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class PastTheWaitBoundTest {

  @Test
  void answers202WithLocationOfTheProducedEventAndARetryIsADuplicateOfIt(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final String idempotencyKey = "k-" + UUID.randomUUID();
    final String path = h.path("/players/" + player + "/grants");
    final Map<String, Object> body = Map.of("idempotencyKey", idempotencyKey, "reason", "slow",
        "grants", Map.of("currencies", Map.of("coins", 7)));

    final Http.Response pending;
    // 1 ms: the ledger cannot read, fold and commit an outcome that fast, so the bound always passes first.
    try (Gateway impatient = h.startGateway(Map.of(GatewayConfig.OUTCOME_WAIT, "1ms"))) {
      pending = new Http(impatient.port()).post(path, TestApp.SERVER_KEY, body);
    }

    assertThat(pending.status()).as(pending.toString()).isEqualTo(202);
    final String eventId = pending.body().path("eventId").asText();
    assertThat(UUID.fromString(eventId)).as("the body names the event").isNotNull();
    assertThat(pending.body().path("status").asText()).isEqualTo("PENDING");
    assertThat(pending.location()).isEqualTo("/v1/apps/" + h.app.appId + "/events/" + eventId);

    // A 202 is only given once the broker has the event: it is on coffer.ledger-sequence now.
    final List<LedgerEvent> recorded = eventsWithKey(h, idempotencyKey);
    assertThat(recorded).extracting(e -> e.getEventId().toString()).containsExactly(eventId);
    assertThat(recorded.get(0).getAppId().toString()).isEqualTo(h.app.appId);

    // The ledger applied it after the gateway gave up waiting; the same request again is its DUPLICATE.
    final Http.Response retry = h.http.post(path, TestApp.SERVER_KEY, body);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
    assertThat(retry.body().path("status").asText()).isEqualTo("DUPLICATE");
    assertThat(retry.body().path("originalStatus").asText()).isEqualTo("APPLIED");
    assertThat(retry.body().path("originalEventId").asText()).as("the original event").isEqualTo(eventId);
    assertThat(retry.body().path("eventId").asText()).as("the retry's own event").isNotEqualTo(eventId);
    assertThat(eventsWithKey(h, idempotencyKey)).hasSize(2);
  }

  private static List<LedgerEvent> eventsWithKey(final GatewayHarness h, final String idempotencyKey) {
    return Topics.submitted(h.stack).stream()
        .filter(e -> h.app.app().pseudonyms().keyRef(idempotencyKey).equals(String.valueOf(e.getIdempotencyKey())))
        .toList();
  }
}
