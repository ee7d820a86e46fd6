package dev.coffer.embedded;

import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sample ledger events for the tests. */
final class Events {
  private Events() {
  }

  static LedgerEvent grant(final String appId, final String playerRef, final String idempotencyKey) {
    final Grants grants = Grants.newBuilder().setCurrencies(Map.of("gems", 250L))
        .setItems(List.of(ItemGrant.newBuilder().setItemId("sword").setQuantity(1).build())).build();
    return LedgerEvent.newBuilder()
        .setEventId(UUID.randomUUID()).setAppId(appId).setPlayerRef(playerRef)
        .setIdempotencyKey(idempotencyKey).setDedupeKey(appId + "|player|" + playerRef + "|" + idempotencyKey)
        .setOccurredAt(Instant.parse("2026-01-02T03:04:05Z")).setRequestId("req-" + idempotencyKey)
        .setPayload(GrantIssued.newBuilder().setReason("reward").setSourceRefId("quest-7").setGrants(grants)
            .build())
        .build();
  }
}
