package dev.coffer.registry;

import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sample records for the serde tests: one ledger event per payload type. */
final class Fixtures {
  static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

  private Fixtures() {
  }

  static Grants grants() {
    return Grants.newBuilder()
        .setCurrencies(Map.of("gems", 100L))
        .setItems(List.of(ItemGrant.newBuilder().setItemId("sword").setQuantity(1).build()))
        .build();
  }

  static PurchaseVerified purchase(final BigDecimal price) {
    return PurchaseVerified.newBuilder()
        .setStore(Store.GOOGLE_PLAY).setProductId("gems_100").setStoreProductId("com.game.gems100")
        .setProductType(ProductType.CONSUMABLE).setTransactionId("GPA.1234-5678")
        .setPurchaseTime(AT.minusSeconds(5)).setQuantity(3).setPrice(price).setCurrency("EUR")
        .setGrants(grants())
        .build();
  }

  /** Every payload type a ledger event carries. */
  static List<Object> payloads() {
    return List.of(
        purchase(new BigDecimal("4.990000")),
        ItemConsumed.newBuilder().setInstanceId("inst-1").setQuantity(2).build(),
        GrantIssued.newBuilder().setReason("reward").setSourceRefId("quest-7").setGrants(grants()).build(),
        CurrencySpent.newBuilder().setCurrency("gems").setAmount(40).setReason("shop").build(),
        PurchaseRevoked.newBuilder().setStore(Store.APPLE_APP_STORE).setTransactionId("2000001")
            .setReason(RevocationReason.REFUND).setRevokedAt(AT).build(),
        SubscriptionUpdated.newBuilder().setStore(Store.APPLE_APP_STORE)
            .setOriginalTransactionId("1000001").setStatus(SubscriptionStatus.IN_GRACE_PERIOD)
            .setExpiresAt(AT.plusSeconds(86_400)).setAutoRenew(true).build(),
        PlayerErased.newBuilder().setReason("ticket 42").build());
  }

  static LedgerEvent event(final Object payload) {
    return LedgerEvent.newBuilder()
        .setEventId(UUID.fromString("7f1c0a52-3f0e-4c4e-9d4b-2b2f1b8f5a10"))
        .setAppId("game").setPlayerRef("p-ref").setIdempotencyKey("idem-1")
        .setDedupeKey("game|player|p-ref|idem-1").setOccurredAt(AT).setRequestId("req-1")
        .setMigration(true).setPayload(payload)
        .build();
  }

  static PlayerDataKey playerKey() {
    return PlayerDataKey.newBuilder().setAppId("game").setPlayerRef("p-ref").setAlgorithm("XCHACHA")
        .setWrappedKey(ByteBuffer.wrap(new byte[] {1, 2, 3})).setCreatedAt(AT).build();
  }
}
