package dev.coffer.ledger.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class InventoryRulesTest {
  private static PurchaseSpec spec(final String eventId, final String tx, final String product, final ProductKind kind,
                                   final List<ItemAmount> items, final Map<String, Long> currencies) {
    return new PurchaseSpec(eventId, 1000, "test", tx, null, product, "sku." + product, kind, 1, null, false, items,
        new TreeMap<>(currencies));
  }

  private static PurchaseSpec subscription(final String eventId, final String tx, final String original,
                                           final long expiresAt) {
    return new PurchaseSpec(eventId, 1000, "test", tx, original, "vip", "sku.vip", ProductKind.SUBSCRIPTION, 1,
        expiresAt, false, List.of(), new TreeMap<>());
  }

  private static void rejected(final ThrowableAssert.ThrowingCallable call, final Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RuleRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
  }

  @Test
  void consumablePurchaseCreatesOneActiveInstancePerItemWithIdsDerivedFromTheEvent() {
    final InventoryUpdate update = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "pack",
        ProductKind.CONSUMABLE, List.of(new ItemAmount("potion", 3), new ItemAmount("bomb", 1)), Map.of()));

    assertThat(update.moves()).extracting(m -> m.instance().instanceId())
        .containsExactly(InstanceIds.derive("e1", 0), InstanceIds.derive("e1", 1));
    assertThat(update.moves()).extracting(InstanceMove::delta).containsExactly(3L, 1L);
    final Instance potion = update.moves().get(0).instance();
    assertThat(potion.itemId()).isEqualTo("potion");
    assertThat(potion.status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(potion.consumable()).isTrue();
    assertThat(potion.sourceEventId()).isEqualTo("e1");
    assertThat(update.inventory().purchase("test", "t1")).get()
        .satisfies(p -> assertThat(p.instanceIds()).hasSize(2));
  }

  @Test
  void instanceIdsAreStableAcrossCallsAndDifferPerEvent() {
    assertThat(InstanceIds.derive("e1", 0)).isEqualTo(InstanceIds.derive("e1", 0))
        .isNotEqualTo(InstanceIds.derive("e1", 1)).isNotEqualTo(InstanceIds.derive("e2", 0));
  }

  @Test
  void currencyOnlyConsumableCreatesNoInstance() {
    final InventoryUpdate update = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "gems100",
        ProductKind.CONSUMABLE, List.of(), Map.of("gems", 100L)));

    assertThat(update.moves()).isEmpty();
    assertThat(update.inventory().purchase("test", "t1")).isPresent();
  }

  @Test
  void autoConsumedPurchaseIsConsumedAtOnce() {
    final PurchaseSpec spec = new PurchaseSpec("e1", 1000, "test", "t1", null, "dyn", "sku", ProductKind.CONSUMABLE,
        1, null, true, List.of(new ItemAmount("coin-bag", 2)), new TreeMap<>());
    final InventoryUpdate update = InventoryRules.purchase(Inventory.EMPTY, spec);

    assertThat(update.moves()).singleElement().satisfies(m -> {
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.CONSUMED);
      assertThat(m.instance().quantity()).isZero();
    });
  }

  @Test
  void nonConsumableWithoutItemsIsHeldAsTheProductAndCannotBeBoughtTwice() {
    final InventoryUpdate first = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of()));
    assertThat(first.moves()).singleElement().satisfies(m -> {
      assertThat(m.instance().itemId()).isEqualTo("no-ads");
      assertThat(m.instance().consumable()).isFalse();
    });

    rejected(() -> InventoryRules.purchase(first.inventory(), spec("e2", "t2", "no-ads", ProductKind.NON_CONSUMABLE,
        List.of(), Map.of())), Reason.ALREADY_OWNED);
  }

  @Test
  void ownedNonConsumableItemCannotBeGranted() {
    final InventoryUpdate owned = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "sword-pack",
        ProductKind.NON_CONSUMABLE, List.of(new ItemAmount("sword", 1)), Map.of()));

    rejected(() -> InventoryRules.grant(owned.inventory(), "e2", 2000, List.of(new ItemAmount("sword", 1)), 0),
        Reason.ALREADY_OWNED);
    assertThat(InventoryRules.grant(owned.inventory(), "e2", 2000, List.of(new ItemAmount("shield", 1)), 0).moves())
        .hasSize(1);
  }

  @Test
  void revokedNonConsumableCanBeBoughtAgain() {
    final InventoryUpdate owned = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of()));
    final Revocation revoked = InventoryRules.revoke(owned.inventory(), "test", "t1");

    assertThat(InventoryRules.purchase(revoked.update().inventory(), spec("e3", "t3", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of())).moves()).hasSize(1);
  }

  @Test
  void sameTransactionIsNotRecordedTwice() {
    final InventoryUpdate first = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "gems100",
        ProductKind.CONSUMABLE, List.of(), Map.of("gems", 100L)));

    rejected(() -> InventoryRules.purchase(first.inventory(), spec("e2", "t1", "gems100", ProductKind.CONSUMABLE,
        List.of(), Map.of("gems", 100L))), Reason.TRANSACTION_ALREADY_RECORDED);
  }

  @Test
  void subscriptionRenewalExtendsTheSameInstance() {
    final InventoryUpdate first = InventoryRules.purchase(Inventory.EMPTY, subscription("e1", "t1", null, 5000));
    final String id = first.moves().get(0).instance().instanceId();
    final InventoryUpdate renewed = InventoryRules.purchase(first.inventory(), subscription("e2", "t2", "t1", 9000));

    assertThat(renewed.moves()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isZero();
      assertThat(m.instance().instanceId()).isEqualTo(id);
      assertThat(m.instance().expiresAt()).isEqualTo(9000);
      assertThat(m.instance().transactionId()).isEqualTo("t2");
      assertThat(m.instance().originalTransactionId()).isEqualTo("t1");
      assertThat(m.instance().subscriptionState()).isEqualTo(SubscriptionState.ACTIVE);
    });
    assertThat(renewed.inventory().instances()).hasSize(1);
    assertThat(renewed.inventory().purchases()).hasSize(2);
  }

  @Test
  void consumeTakesUnitsAndMarksTheInstanceConsumedWhenNothingIsLeft() {
    final InventoryUpdate granted = InventoryRules.grant(Inventory.EMPTY, "e1", 1000, List.of(new ItemAmount("potion", 2)), 0);
    final String id = InstanceIds.derive("e1", 0);

    final InventoryUpdate once = InventoryRules.consume(granted.inventory(), id, null, 1, Map.of("hp", 10L));
    assertThat(once.moves()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isEqualTo(-1);
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.ACTIVE);
      assertThat(m.instance().consumeCredits()).containsEntry("hp", 10L);
    });
    final InventoryUpdate twice = InventoryRules.consume(once.inventory(), id, null, 1, Map.of("hp", 10L));
    assertThat(twice.moves().get(0).instance().status()).isEqualTo(InstanceStatus.CONSUMED);
    assertThat(twice.moves().get(0).instance().consumeCredits()).containsEntry("hp", 20L);

    rejected(() -> InventoryRules.consume(twice.inventory(), id, null, 1, Map.of()), Reason.NOT_ACTIVE);
  }

  @Test
  void consumeRefusesUnknownTooMuchAndNonConsumables() {
    final InventoryUpdate granted = InventoryRules.grant(Inventory.EMPTY, "e1", 1000, List.of(new ItemAmount("potion", 2)), 0);
    rejected(() -> InventoryRules.consume(granted.inventory(), "nope", null, 1, Map.of()), Reason.NOT_OWNED);
    // onConsume grants resolved for another item (a chest's, say) must not be credited for a potion.
    rejected(() -> InventoryRules.consume(granted.inventory(), InstanceIds.derive("e1", 0), "chest", 1,
        Map.of("gems", 500L)), Reason.ITEM_MISMATCH);
    assertThat(InventoryRules.consume(granted.inventory(), InstanceIds.derive("e1", 0), "potion", 1, Map.of())
        .moves()).hasSize(1);
    rejected(() -> InventoryRules.consume(granted.inventory(), InstanceIds.derive("e1", 0), null, 3, Map.of()),
        Reason.INSUFFICIENT_QUANTITY);

    final InventoryUpdate owned = InventoryRules.purchase(Inventory.EMPTY, spec("e2", "t2", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of()));
    rejected(() -> InventoryRules.consume(owned.inventory(), InstanceIds.derive("e2", 0), null, 1, Map.of()),
        Reason.NOT_CONSUMABLE);
    final InventoryUpdate sub = InventoryRules.purchase(Inventory.EMPTY, subscription("e3", "t3", null, 5000));
    rejected(() -> InventoryRules.consume(sub.inventory(), InstanceIds.derive("e3", 0), null, 1, Map.of()),
        Reason.NOT_CONSUMABLE);
  }

  @Test
  void revokeRemovesWhatIsLeftAndCollectsWhatToClawBack() {
    final InventoryUpdate bought = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "pack",
        ProductKind.CONSUMABLE, List.of(new ItemAmount("potion", 3)), Map.of("gems", 50L)));
    final String id = InstanceIds.derive("e1", 0);
    final InventoryUpdate used = InventoryRules.consume(bought.inventory(), id, null, 1, Map.of("hp", 10L));

    final Revocation revocation = InventoryRules.revoke(used.inventory(), "test", "t1");

    assertThat(revocation.clawBack()).containsExactly(Map.entry("gems", 50L), Map.entry("hp", 10L));
    assertThat(revocation.update().moves()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isEqualTo(-2);
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.REVOKED);
      assertThat(m.instance().quantity()).isZero();
    });
    assertThat(revocation.purchase().revoked()).isTrue();
    rejected(() -> InventoryRules.revoke(revocation.update().inventory(), "test", "t1"), Reason.ALREADY_REVOKED);
    rejected(() -> InventoryRules.revoke(revocation.update().inventory(), "test", "unknown"), Reason.NOT_OWNED);
    rejected(() -> InventoryRules.revoke(revocation.update().inventory(), "google_play", "t1"), Reason.NOT_OWNED);
  }

  @Test
  void revokedSubscriptionIsMarkedRevoked() {
    final InventoryUpdate sub = InventoryRules.purchase(Inventory.EMPTY, subscription("e1", "t1", null, 5000));
    final Revocation revocation = InventoryRules.revoke(sub.inventory(), "test", "t1");

    assertThat(revocation.update().moves()).singleElement().satisfies(m -> {
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.REVOKED);
      assertThat(m.instance().subscriptionState()).isEqualTo(SubscriptionState.REVOKED);
    });
    rejected(() -> InventoryRules.updateSubscription(revocation.update().inventory(), "test", "t1",
        SubscriptionState.ACTIVE, 9000L), Reason.ALREADY_REVOKED);
  }

  @Test
  void subscriptionUpdateSetsStatusAndExpiry() {
    final InventoryUpdate sub = InventoryRules.purchase(Inventory.EMPTY, subscription("e1", "t1", null, 5000));

    final InventoryUpdate grace = InventoryRules.updateSubscription(sub.inventory(), "test", "t1",
        SubscriptionState.IN_GRACE_PERIOD, null);
    assertThat(grace.moves().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(grace.moves().get(0).instance().expiresAt()).isEqualTo(5000);
    final InventoryUpdate expired = InventoryRules.updateSubscription(grace.inventory(), "test", "t1",
        SubscriptionState.EXPIRED, 6000L);
    assertThat(expired.moves().get(0).instance().status()).isEqualTo(InstanceStatus.EXPIRED);
    assertThat(expired.moves().get(0).instance().expiresAt()).isEqualTo(6000);

    final InventoryUpdate renewed = InventoryRules.purchase(expired.inventory(), subscription("e2", "t2", "t1", 9000));
    assertThat(renewed.moves().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);

    rejected(() -> InventoryRules.updateSubscription(sub.inventory(), "test", "other", SubscriptionState.ACTIVE, null),
        Reason.NOT_OWNED);
  }

  @Test
  void grantedPermanentItemIsANonConsumableInstance() {
    final InventoryUpdate granted = InventoryRules.grant(Inventory.EMPTY, "e1", 1000,
        List.of(new ItemAmount("sword", 1, false), new ItemAmount("potion", 2, true)), 0);

    assertThat(granted.moves()).hasSize(2);
    assertThat(granted.moves().get(0).instance().consumable()).isFalse();
    assertThat(granted.moves().get(1).instance().consumable()).isTrue();
    rejected(() -> InventoryRules.consume(granted.inventory(), InstanceIds.derive("e1", 0), "sword", 1, Map.of()),
        Reason.NOT_CONSUMABLE);
  }

  @Test
  void heldPermanentItemIsNotGrantedAgainAndNothingOfTheGrantApplies() {
    final InventoryUpdate granted = InventoryRules.grant(Inventory.EMPTY, "e1", 1000,
        List.of(new ItemAmount("sword", 1, false)), 0);

    rejected(() -> InventoryRules.grant(granted.inventory(), "e2", 2000,
        List.of(new ItemAmount("potion", 1, true), new ItemAmount("sword", 1, false)), 0), Reason.ALREADY_OWNED);
    // Twice in one grant: the second unit would be a second copy.
    rejected(() -> InventoryRules.grant(Inventory.EMPTY, "e3", 3000,
        List.of(new ItemAmount("sword", 1, false), new ItemAmount("sword", 1, false)), 0), Reason.ALREADY_OWNED);
    // Nor bought again as a non-consumable product giving it.
    rejected(() -> InventoryRules.purchase(granted.inventory(), spec("e4", "t4", "sword-pack",
        ProductKind.NON_CONSUMABLE, List.of(new ItemAmount("sword", 1)), Map.of())), Reason.ALREADY_OWNED);
  }

  @Test
  void permanentItemIsGrantedOneUnitOnly() {
    rejected(() -> InventoryRules.grant(Inventory.EMPTY, "e1", 1000, List.of(new ItemAmount("sword", 2, false)), 0),
        Reason.NON_CONSUMABLE_QUANTITY);
    // A consumable item stacks as before.
    assertThat(InventoryRules.grant(Inventory.EMPTY, "e1", 1000, List.of(new ItemAmount("potion", 2, true)), 0)
        .moves().get(0).instance().quantity()).isEqualTo(2);
  }

  @Test
  void permanentItemOfAConsumableProductIsNeitherConsumedAtOnceNorConsumable() {
    final PurchaseSpec pack = new PurchaseSpec("e1", 1000, "test", "t1", null, "starter", "sku.starter",
        ProductKind.CONSUMABLE, 1, null, true, List.of(new ItemAmount("sword", 1, false),
        new ItemAmount("potion", 1, true)), new TreeMap<>());
    final InventoryUpdate bought = InventoryRules.purchase(Inventory.EMPTY, pack);

    assertThat(bought.moves().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(bought.moves().get(0).instance().consumable()).isFalse();
    assertThat(bought.moves().get(1).instance().status()).isEqualTo(InstanceStatus.CONSUMED);
    rejected(() -> InventoryRules.grant(bought.inventory(), "e2", 2000, List.of(new ItemAmount("sword", 1, false)), 0),
        Reason.ALREADY_OWNED);
  }

  @Test
  void permanentItemOfARevokedPurchaseCanBeGrantedAgain() {
    final InventoryUpdate owned = InventoryRules.purchase(Inventory.EMPTY, spec("e1", "t1", "sword-pack",
        ProductKind.NON_CONSUMABLE, List.of(new ItemAmount("sword", 1, false)), Map.of()));
    final Revocation revoked = InventoryRules.revoke(owned.inventory(), "test", "t1");

    assertThat(InventoryRules.grant(revoked.update().inventory(), "e2", 2000,
        List.of(new ItemAmount("sword", 1, false)), 0).moves()).hasSize(1);
  }
}
