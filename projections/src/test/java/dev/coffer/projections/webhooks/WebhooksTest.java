package dev.coffer.projections.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.inventory.InstanceMove;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.wallet.BalanceMove;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhooksTest {
  private static EventOutcome outcome(final String type, final String status, final boolean migration) {
    return new EventOutcome("e-1", "dk", "app", "ref", type, status, null, null, null, null, 3,
        List.of(new BalanceMove("gems", -10, 90)),
        List.of(new InstanceMove(-1, new Instance("i", "sword", 0, "REVOKED", false, Instant.EPOCH, "s", "p",
            "NON_CONSUMABLE", "TEST", "t", null, null, null, null, null))), Instant.EPOCH, migration, null);
  }

  @Test
  void anAppliedRevocationFiresWalletInventoryAndRevokedWithStableIds() {
    final List<WebhookEvent> events = WebhookEvents.of(outcome("PURCHASE_REVOKED", "APPLIED", false));

    assertThat(events).extracting(WebhookEvent::type)
        .containsExactly("wallet.changed", "inventory.changed", "purchase.revoked");
    assertThat(events.get(0).id()).isEqualTo(WebhookEvents.deliveryId("e-1", "wallet.changed"))
        .isEqualTo(WebhookEvents.of(outcome("PURCHASE_REVOKED", "APPLIED", false)).get(0).id());
  }

  @Test
  void migrationsRejectionsDuplicatesAndTheErasureOutcomeFireNothing() {
    assertThat(WebhookEvents.of(outcome("GRANT_ISSUED", "APPLIED", true))).isEmpty();
    assertThat(WebhookEvents.of(outcome("GRANT_ISSUED", "REJECTED", false))).isEmpty();
    assertThat(WebhookEvents.of(outcome("GRANT_ISSUED", "DUPLICATE", false))).isEmpty();
    // player.deleted comes from the erased player's key record, which holds the external id.
    assertThat(WebhookEvents.of(outcome("PLAYER_ERASED", "APPLIED", false))).isEmpty();
  }

  @Test
  void playerDeletedCarriesTheExternalIdOnceAndItsParkedCopyDoesNot() {
    final WebhookEvent deleted = WebhookEvents.playerDeleted("app", "ref", "alice@example.com", "e-9", 9,
        Instant.EPOCH);

    assertThat(deleted.type()).isEqualTo("player.deleted");
    assertThat(deleted.playerId()).isEqualTo("alice@example.com");
    assertThat(deleted.id()).isEqualTo(WebhookEvents.deliveryId("app|ref", "player.deleted"))
        .isEqualTo(WebhookEvents.playerDeleted("app", "ref", null, "e-9", 9, Instant.EPOCH).id());
    assertThat(deleted.withoutPlayerId().playerId()).isNull();
    assertThat(deleted.withoutPlayerId().id()).isEqualTo(deleted.id());
  }

  @Test
  void theSignatureHasOneV1PerSecretOverTimestampDotBody() {
    final byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    final String header = WebhookSignature.header(1_700_000_000L, body, List.of("new-secret", "old-secret"));

    assertThat(header).isEqualTo("t=1700000000,v1=" + WebhookSignature.hmacHex("new-secret", 1_700_000_000L, body)
        + ",v1=" + WebhookSignature.hmacHex("old-secret", 1_700_000_000L, body));
    // python3: hmac.new(b'k', b'1.x', hashlib.sha256).hexdigest()
    assertThat(WebhookSignature.hmacHex("k", 1, "x".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("976cb87e4f568d1c0f03f32859e90af8597cf00b978ba37c229c97d3a15b8449");
  }

  @Test
  void backoffDoublesUpToItsCap() {
    final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));

    assertThat(List.of(backoff.after(1), backoff.after(2), backoff.after(3), backoff.after(4), backoff.after(40)))
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(3));
  }
}
