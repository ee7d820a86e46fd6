package dev.coffer.ledger.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.HashMap;
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

  /** The purchase records the updates wrote, latest last: what the fold's event log holds. */
  private static PurchaseBook book(final InventoryUpdate... updates) {
    final Map<String, PurchaseRecord> records = new HashMap<>();
    for (final InventoryUpdate update : updates) {
      update.purchases().forEach(p -> records.put(p.store() + "|" + p.transactionId(), p));
    }
    return PurchaseBook.of(records);
  }

  private static InventoryUpdate purchase(final Inventory inventory, final PurchaseSpec spec) {
    return InventoryRules.purchase(inventory, spec, PurchaseBook.EMPTY);
  }

  private static InventoryUpdate grant(final Inventory inventory, final String eventId, final List<ItemAmount> items) {
    return InventoryRules.grant(inventory, eventId, 1000, items, 0, null);
  }

  private static InventoryUpdate consume(final Inventory inventory, final PurchaseBook book, final String instanceId,
                                         final String itemId, final long quantity, final Map<String, Long> credited) {
    return InventoryRules.consume(inventory, book, "c-" + instanceId + "-" + quantity, 2000, instanceId, itemId,
        quantity, credited, List.of());
  }

  private static void rejected(final ThrowableAssert.ThrowingCallable call, final Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RuleRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
  }

  @Test
  void consumablePurchaseCreatesOneActiveInstancePerItemWithIdsDerivedFromTheEvent() {
    final InventoryUpdate update = purchase(Inventory.EMPTY, spec("e1", "t1", "pack",
        ProductKind.CONSUMABLE, List.of(new ItemAmount("potion", 3), new ItemAmount("bomb", 1)), Map.of()));

    assertThat(update.moves()).extracting(m -> m.instance().instanceId())
        .containsExactly(InstanceIds.derive("e1", 0), InstanceIds.derive("e1", 1));
    assertThat(update.moves()).extracting(InstanceMove::delta).containsExactly(3L, 1L);
    final Instance potion = update.moves().get(0).instance();
    assertThat(potion.itemId()).isEqualTo("potion");
    assertThat(potion.status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(potion.consumable()).isTrue();
    assertThat(potion.sourceEventId()).isEqualTo("e1");
    assertThat(update.purchases()).singleElement().satisfies(p -> assertThat(p.instanceIds()).hasSize(2));
  }

  @Test
  void instanceIdsAreStableAcrossCallsAndDifferPerEvent() {
    assertThat(InstanceIds.derive("e1", 0)).isEqualTo(InstanceIds.derive("e1", 0))
        .isNotEqualTo(InstanceIds.derive("e1", 1)).isNotEqualTo(InstanceIds.derive("e2", 0));
  }

  @Test
  void currencyOnlyConsumableCreatesNoInstance() {
    final InventoryUpdate update = purchase(Inventory.EMPTY, spec("e1", "t1", "gems100",
        ProductKind.CONSUMABLE, List.of(), Map.of("gems", 100L)));

    assertThat(update.moves()).isEmpty();
    assertThat(update.purchases()).singleElement().satisfies(p -> assertThat(p.currencies()).containsEntry("gems",
        100L));
  }

  @Test
  void autoConsumedPurchaseIsConsumedAtOnce() {
    final PurchaseSpec spec = new PurchaseSpec("e1", 1000, "test", "t1", null, "dyn", "sku", ProductKind.CONSUMABLE,
        1, null, true, List.of(new ItemAmount("coin-bag", 2)), new TreeMap<>());
    final InventoryUpdate update = purchase(Inventory.EMPTY, spec);

    assertThat(update.moves()).singleElement().satisfies(m -> {
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.CONSUMED);
      assertThat(m.instance().quantity()).isZero();
    });
  }

  @Test
  void nonConsumableWithoutItemsIsHeldAsTheProductAndCannotBeBoughtTwice() {
    final InventoryUpdate first = purchase(Inventory.EMPTY, spec("e1", "t1", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of()));
    assertThat(first.moves()).singleElement().satisfies(m -> {
      assertThat(m.instance().itemId()).isEqualTo("no-ads");
      assertThat(m.instance().consumable()).isFalse();
    });

    rejected(() -> purchase(first.inventory(), spec("e2", "t2", "no-ads", ProductKind.NON_CONSUMABLE,
        List.of(), Map.of())), Reason.ALREADY_OWNED);
  }

  @Test
  void ownedNonConsumableItemCannotBeGranted() {
    final InventoryUpdate owned = purchase(Inventory.EMPTY, spec("e1", "t1", "sword-pack",
        ProductKind.NON_CONSUMABLE, List.of(new ItemAmount("sword", 1)), Map.of()));

    rejected(() -> grant(owned.inventory(), "e2", List.of(new ItemAmount("sword", 1))), Reason.ALREADY_OWNED);
    assertThat(grant(owned.inventory(), "e2", List.of(new ItemAmount("shield", 1))).moves()).hasSize(1);
  }

  @Test
  void revokedNonConsumableCanBeBoughtAgain() {
    final InventoryUpdate owned = purchase(Inventory.EMPTY, spec("e1", "t1", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of()));
    final Revocation revoked = InventoryRules.revoke(owned.inventory(), book(owned), "test", "t1", null);

    assertThat(purchase(revoked.update().inventory(), spec("e3", "t3", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of())).moves()).hasSize(1);
  }

  @Test
  void sameTransactionIsNotRecordedTwice() {
    final InventoryUpdate first = purchase(Inventory.EMPTY, spec("e1", "t1", "gems100",
        ProductKind.CONSUMABLE, List.of(), Map.of("gems", 100L)));

    rejected(() -> InventoryRules.purchase(first.inventory(), spec("e2", "t1", "gems100", ProductKind.CONSUMABLE,
        List.of(), Map.of("gems", 100L)), book(first)), Reason.TRANSACTION_ALREADY_RECORDED);
  }

  @Test
  void subscriptionRenewalExtendsTheSameInstance() {
    final InventoryUpdate first = purchase(Inventory.EMPTY, subscription("e1", "t1", null, 5000));
    final String id = first.moves().get(0).instance().instanceId();
    final InventoryUpdate renewed = InventoryRules.purchase(first.inventory(), subscription("e2", "t2", "t1", 9000),
        book(first));

    assertThat(renewed.moves()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isZero();
      assertThat(m.instance().instanceId()).isEqualTo(id);
      assertThat(m.instance().expiresAt()).isEqualTo(9000);
      assertThat(m.instance().transactionId()).isEqualTo("t2");
      assertThat(m.instance().originalTransactionId()).isEqualTo("t1");
      assertThat(m.instance().subscriptionState()).isEqualTo(SubscriptionState.ACTIVE);
    });
    assertThat(renewed.inventory().instances()).hasSize(1);
    assertThat(renewed.purchases()).singleElement().satisfies(p -> assertThat(p.instanceIds()).containsExactly(id));
  }

  @Test
  void consumeTakesUnitsAndMarksTheInstanceConsumedWhenNothingIsLeft() {
    final InventoryUpdate granted = grant(Inventory.EMPTY, "e1", List.of(new ItemAmount("potion", 2)));
    final String id = InstanceIds.derive("e1", 0);

    final InventoryUpdate once = consume(granted.inventory(), PurchaseBook.EMPTY, id, null, 1, Map.of("hp", 10L));
    assertThat(once.moves()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isEqualTo(-1);
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    });
    assertThat(once.purchases()).as("a granted instance has no purchase to credit").isEmpty();
    final InventoryUpdate twice = consume(once.inventory(), PurchaseBook.EMPTY, id, null, 1, Map.of("hp", 10L));
    assertThat(twice.moves().get(0).instance().status()).isEqualTo(InstanceStatus.CONSUMED);
    assertThat(twice.inventory().instances()).as("used up: it left the player's state").isEmpty();

    rejected(() -> consume(twice.inventory(), PurchaseBook.EMPTY, id, null, 1, Map.of()), Reason.NOT_OWNED);
  }

  @Test
  void consumeRefusesUnknownTooMuchAndNonConsumables() {
    final InventoryUpdate granted = grant(Inventory.EMPTY, "e1", List.of(new ItemAmount("potion", 2)));
    final PurchaseBook none = PurchaseBook.EMPTY;
    rejected(() -> consume(granted.inventory(), none, "nope", null, 1, Map.of()), Reason.NOT_OWNED);
    // onConsume grants resolved for another item (a chest's, say) must not be credited for a potion.
    rejected(() -> consume(granted.inventory(), none, InstanceIds.derive("e1", 0), "chest", 1,
        Map.of("gems", 500L)), Reason.ITEM_MISMATCH);
    assertThat(consume(granted.inventory(), none, InstanceIds.derive("e1", 0), "potion", 1, Map.of())
        .moves()).hasSize(1);
    rejected(() -> consume(granted.inventory(), none, InstanceIds.derive("e1", 0), null, 3, Map.of()),
        Reason.INSUFFICIENT_QUANTITY);

    final InventoryUpdate owned = purchase(Inventory.EMPTY, spec("e2", "t2", "no-ads",
        ProductKind.NON_CONSUMABLE, List.of(), Map.of()));
    rejected(() -> consume(owned.inventory(), book(owned), InstanceIds.derive("e2", 0), null, 1, Map.of()),
        Reason.NOT_CONSUMABLE);
    final InventoryUpdate sub = purchase(Inventory.EMPTY, subscription("e3", "t3", null, 5000));
    rejected(() -> consume(sub.inventory(), book(sub), InstanceIds.derive("e3", 0), null, 1, Map.of()),
        Reason.NOT_CONSUMABLE);
  }

  @Test
  void revokeRemovesWhatIsLeftAndCollectsWhatToClawBack() {
    final InventoryUpdate bought = purchase(Inventory.EMPTY, spec("e1", "t1", "pack",
        ProductKind.CONSUMABLE, List.of(new ItemAmount("potion", 3)), Map.of("gems", 50L)));
    final String id = InstanceIds.derive("e1", 0);
    final InventoryUpdate used = consume(bought.inventory(), book(bought), id, null, 1, Map.of("hp", 10L));
    assertThat(used.purchases()).singleElement().satisfies(p -> assertThat(p.consumeCredits()).containsEntry("hp",
        10L));

    final Revocation revocation = InventoryRules.revoke(used.inventory(), book(bought, used), "test", "t1", null);

    assertThat(revocation.clawBack()).containsExactly(Map.entry("gems", 50L), Map.entry("hp", 10L));
    assertThat(revocation.update().moves()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isEqualTo(-2);
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.REVOKED);
      assertThat(m.instance().quantity()).isZero();
    });
    assertThat(revocation.purchase().revoked()).isTrue();
    final PurchaseBook after = book(bought, used, revocation.update());
    rejected(() -> InventoryRules.revoke(revocation.update().inventory(), after, "test", "t1", null),
        Reason.ALREADY_REVOKED);
    rejected(() -> InventoryRules.revoke(revocation.update().inventory(), after, "test", "unknown", null),
        Reason.NOT_OWNED);
    rejected(() -> InventoryRules.revoke(revocation.update().inventory(), after, "google_play", "t1", null),
        Reason.NOT_OWNED);
  }

  @Test
  void revokedSubscriptionIsMarkedRevoked() {
    final InventoryUpdate sub = purchase(Inventory.EMPTY, subscription("e1", "t1", null, 5000));
    final Revocation revocation = InventoryRules.revoke(sub.inventory(), book(sub), "test", "t1", null);

    assertThat(revocation.update().moves()).singleElement().satisfies(m -> {
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.REVOKED);
      assertThat(m.instance().subscriptionState()).isEqualTo(SubscriptionState.REVOKED);
    });
    rejected(() -> InventoryRules.updateSubscription(revocation.update().inventory(), "test", "t1",
        SubscriptionState.ACTIVE, 9000L, null, null), Reason.NOT_OWNED);
  }

  @Test
  void subscriptionUpdateSetsStatusAndExpiry() {
    final InventoryUpdate sub = purchase(Inventory.EMPTY, subscription("e1", "t1", null, 5000));

    final InventoryUpdate grace = InventoryRules.updateSubscription(sub.inventory(), "test", "t1",
        SubscriptionState.IN_GRACE_PERIOD, null, null, null);
    assertThat(grace.moves().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(grace.moves().get(0).instance().expiresAt()).isEqualTo(5000);
    final InventoryUpdate expired = InventoryRules.updateSubscription(grace.inventory(), "test", "t1",
        SubscriptionState.EXPIRED, 6000L, null, null);
    assertThat(expired.moves().get(0).instance().status()).isEqualTo(InstanceStatus.EXPIRED);
    assertThat(expired.moves().get(0).instance().expiresAt()).isEqualTo(6000);

    assertThat(expired.inventory().instances()).as("an expired subscription leaves the player's state").isEmpty();

    // A resubscription after expiry starts a new instance of the same subscription.
    final InventoryUpdate renewed = InventoryRules.purchase(expired.inventory(), subscription("e2", "t2", "t1", 9000),
        book(sub));
    assertThat(renewed.moves().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(renewed.moves().get(0).instance().instanceId()).isEqualTo(InstanceIds.derive("e2", 0));

    rejected(() -> InventoryRules.updateSubscription(sub.inventory(), "test", "other", SubscriptionState.ACTIVE, null,
        null, null),
        Reason.NOT_OWNED);
  }

  @Test
  void grantedPermanentItemIsANonConsumableInstance() {
    final InventoryUpdate granted = grant(Inventory.EMPTY, "e1",
        List.of(new ItemAmount("sword", 1, false), new ItemAmount("potion", 2, true)));

    assertThat(granted.moves()).hasSize(2);
    assertThat(granted.moves().get(0).instance().consumable()).isFalse();
    assertThat(granted.moves().get(1).instance().consumable()).isTrue();
    rejected(() -> consume(granted.inventory(), PurchaseBook.EMPTY, InstanceIds.derive("e1", 0), "sword", 1, Map.of()),
        Reason.NOT_CONSUMABLE);
  }

  @Test
  void heldPermanentItemIsNotGrantedAgainAndNothingOfTheGrantApplies() {
    final InventoryUpdate granted = grant(Inventory.EMPTY, "e1", List.of(new ItemAmount("sword", 1, false)));

    rejected(() -> grant(granted.inventory(), "e2",
        List.of(new ItemAmount("potion", 1, true), new ItemAmount("sword", 1, false))), Reason.ALREADY_OWNED);
    // Twice in one grant: the second unit would be a second copy.
    rejected(() -> grant(Inventory.EMPTY, "e3",
        List.of(new ItemAmount("sword", 1, false), new ItemAmount("sword", 1, false))), Reason.ALREADY_OWNED);
    // Nor bought again as a non-consumable product giving it.
    rejected(() -> purchase(granted.inventory(), spec("e4", "t4", "sword-pack",
        ProductKind.NON_CONSUMABLE, List.of(new ItemAmount("sword", 1)), Map.of())), Reason.ALREADY_OWNED);
  }

  @Test
  void permanentItemIsGrantedOneUnitOnly() {
    rejected(() -> grant(Inventory.EMPTY, "e1", List.of(new ItemAmount("sword", 2, false))),
        Reason.NON_CONSUMABLE_QUANTITY);
    // A consumable item stacks as before.
    assertThat(grant(Inventory.EMPTY, "e1", List.of(new ItemAmount("potion", 2, true)))
        .moves().get(0).instance().quantity()).isEqualTo(2);
  }

  @Test
  void permanentItemOfAConsumableProductIsNeitherConsumedAtOnceNorConsumable() {
    final PurchaseSpec pack = new PurchaseSpec("e1", 1000, "test", "t1", null, "starter", "sku.starter",
        ProductKind.CONSUMABLE, 1, null, true, List.of(new ItemAmount("sword", 1, false),
            new ItemAmount("potion", 1, true)), new TreeMap<>());
    final InventoryUpdate bought = purchase(Inventory.EMPTY, pack);

    assertThat(bought.moves().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(bought.moves().get(0).instance().consumable()).isFalse();
    assertThat(bought.moves().get(1).instance().status()).isEqualTo(InstanceStatus.CONSUMED);
    rejected(() -> grant(bought.inventory(), "e2", List.of(new ItemAmount("sword", 1, false))), Reason.ALREADY_OWNED);
  }

  @Test
  void permanentItemOfARevokedPurchaseCanBeGrantedAgain() {
    final InventoryUpdate owned = purchase(Inventory.EMPTY, spec("e1", "t1", "sword-pack",
        ProductKind.NON_CONSUMABLE, List.of(new ItemAmount("sword", 1, false)), Map.of()));
    final Revocation revoked = InventoryRules.revoke(owned.inventory(), book(owned), "test", "t1", null);

    assertThat(grant(revoked.update().inventory(), "e2", List.of(new ItemAmount("sword", 1, false))).moves())
        .hasSize(1);
  }
}
