package dev.coffer.ledger.dedupe;

import static dev.coffer.ledger.Events.grant;
import static dev.coffer.ledger.Events.grants;
import static dev.coffer.ledger.Events.inOrder;
import static dev.coffer.ledger.Events.item;
import static dev.coffer.ledger.Events.playerEvent;
import static dev.coffer.ledger.Events.purchase;
import static dev.coffer.ledger.Events.purchaseEvent;
import static dev.coffer.ledger.Events.spend;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.Events;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
  /**
   * Fingerprints are stored with every remembered key (the player's log, the receipt store) and compared with a
   * retry's at any distance in time: the same event must fingerprint the same in every release. Pinned from the
   * release before the per-schema plans (round 14).
   */
  @Test
  void aStoredFingerprintStaysTheSameAcrossReleases() {
    assertThat(Fingerprints.of(playerEvent("a", "p1", "k1", spend("gems", 5)))).isEqualTo(
        "d4d6b352a575900df5e6d67671f1cb11d6b680952563084bd23242aaf91f7f2a");
    assertThat(Fingerprints.of(playerEvent("x", "p1", "k", grant(grants(Map.of("gems", 3L), item("sword", 2))))))
        .isEqualTo("b7d584f2a84d251305d8d4601dc5a786356dd745b724bae7f9ff7c87d64e64ee");
  }

  @Test
  void envelopeIdentityFieldsDoNotCount() {
    final LedgerEvent a = playerEvent("a", "p1", "k1", spend("gems", 5));
    final LedgerEvent b = LedgerEvent.newBuilder(playerEvent("b", "p1", "k1", spend("gems", 5)))
        .setRequestId("other").setMigration(true).build();

    assertThat(a.getEventId()).isNotEqualTo(b.getEventId());
    assertThat(Fingerprints.of(a)).isEqualTo(Fingerprints.of(b));
  }

  @Test
  void payloadContentAndPlayerCount() {
    final String base = Fingerprints.of(playerEvent("a", "p1", "k1", spend("gems", 5)));

    assertThat(Fingerprints.of(playerEvent("a", "p1", "k1", spend("gems", 6)))).isNotEqualTo(base);
    assertThat(Fingerprints.of(playerEvent("a", "p2", "k1", spend("gems", 5)))).isNotEqualTo(base);
    assertThat(Fingerprints.of(playerEvent("a", "p1", "k1", grant(grants(Map.of("gems", 5L)))))).isNotEqualTo(base);
  }

  @Test
  void mapOrderNeverMatters() {
    final Map<String, Long> ab = inOrder(entry("a", 1L), entry("b", 2L));
    final Map<String, Long> ba = inOrder(entry("b", 2L), entry("a", 1L));

    assertThat(Fingerprints.of(playerEvent("x", "p1", "k", grant(grants(ab, item("sword", 1))))))
        .isEqualTo(Fingerprints.of(playerEvent("y", "p1", "k", grant(grants(ba, item("sword", 1))))));
  }

  @Test
  void purchaseCoversTheReceiptNotTheCatalogGrantsOrLogFields() {
    final LedgerEvent original = purchaseEvent("a", "p1",
        purchase("t1", "gems100", ProductType.CONSUMABLE, grants(Map.of("gems", 100L))).build());
    final LedgerEvent catalogEdited = purchaseEvent("b", "p1",
        purchase("t1", "gems100", ProductType.CONSUMABLE, grants(Map.of("gems", 120L)))
            .setPrice(new BigDecimal("5.990000")).setCountry("FR").setPlayerLevel(12).build());
    final LedgerEvent otherProduct = purchaseEvent("c", "p1",
        purchase("t1", "gems500", ProductType.CONSUMABLE, grants(Map.of("gems", 100L))).build());

    assertThat(Fingerprints.of(catalogEdited)).isEqualTo(Fingerprints.of(original));
    assertThat(Fingerprints.of(otherProduct)).isNotEqualTo(Fingerprints.of(original));
  }

  @Test
  void fieldsAtTheirDefaultAreLeftOutSoAddingDefaultedFieldsKeepsFingerprints() {
    // ItemConsumed.onConsume defaults to empty grants: explicit empty and default fingerprint alike.
    final LedgerEvent explicit = playerEvent("a", "p1", "k", Events.consume("i1", 1, new Grants(Map.of(), List.of())));
    final LedgerEvent defaulted = playerEvent("b", "p1", "k", dev.coffer.schemas.ledger.ItemConsumed.newBuilder()
        .setInstanceId("i1").setQuantity(1).build());

    assertThat(Fingerprints.of(explicit)).isEqualTo(Fingerprints.of(defaulted)).hasSize(64);
  }

  @Test
  void optionalLogicalTypeValuesInUnionsAreFingerprintedNotRejected() {
    // SubscriptionUpdated.expiresAt is an optional timestamp, held as an Instant by the generated class.
    final LedgerEvent march = playerEvent("a", "p1", "k", subscriptionUpdate(Instant.parse("2026-03-01T00:00:00Z")));
    final LedgerEvent april = playerEvent("b", "p1", "k", subscriptionUpdate(Instant.parse("2026-04-01T00:00:00Z")));

    assertThat(Fingerprints.of(march))
        .isEqualTo(Fingerprints.of(playerEvent("c", "p1", "k", subscriptionUpdate(Instant.parse(
            "2026-03-01T00:00:00Z")))))
        .isNotEqualTo(Fingerprints.of(april))
        .isNotEqualTo(Fingerprints.of(playerEvent("d", "p1", "k", subscriptionUpdate(null))));
  }

  private static SubscriptionUpdated subscriptionUpdate(final Instant expiresAt) {
    return SubscriptionUpdated.newBuilder().setStore(Store.APPLE_APP_STORE).setOriginalTransactionId("ot1")
        .setStatus(SubscriptionStatus.IN_GRACE_PERIOD).setExpiresAt(expiresAt).build();
  }
}
