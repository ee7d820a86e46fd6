package dev.coffer.ledger.fold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.inventory.InstanceIds;
import dev.coffer.ledger.inventory.InstanceStatus;
import dev.coffer.ledger.inventory.ItemAmount;
import dev.coffer.ledger.inventory.ProductKind;
import dev.coffer.ledger.inventory.SubscriptionState;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.wallet.BalanceMove;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {
  private static final Grants GEMS_100 = Grants.of(Map.of("gems", 100L), List.of());

  private static Command.Purchase purchase(final String eventId, final String tx, final ProductKind kind,
                                           final long quantity, final Grants grants) {
    return new Command.Purchase(eventId, 1000, "test", tx, null, "p-" + tx, "sku", kind, quantity, null, false, grants);
  }

  @Test
  void appliedPurchaseCreditsTimesQuantityBumpsVersionAndCountsThePurchase() {
    final Decision decision = new TestPlayer().decide(purchase("e1", "t1", ProductKind.CONSUMABLE, 3,
        Grants.of(Map.of("gems", 100L), List.of(new ItemAmount("potion", 2)))));

    assertThat(decision.applied()).isTrue();
    assertThat(decision.state().version()).isEqualTo(1);
    assertThat(decision.state().purchaseCount()).isEqualTo(1);
    assertThat(decision.balances()).containsExactly(new BalanceMove("gems", 300, 300));
    assertThat(decision.instances()).singleElement().satisfies(m -> assertThat(m.instance().quantity()).isEqualTo(6));
    assertThat(decision.purchaseLog().kind()).isEqualTo(PurchaseLogMark.Kind.PURCHASE);
    assertThat(decision.purchaseLog().purchaseCount()).isEqualTo(1);
    assertThat(decision.purchases()).singleElement().satisfies(p -> {
      assertThat(p.transactionId()).isEqualTo("t1");
      assertThat(p.currencies()).containsEntry("gems", 300L);
      assertThat(p.instanceIds()).containsExactly(InstanceIds.derive("e1", 0));
    });
  }

  @Test
  void rejectionChangesNothingAndKeepsTheVersion() {
    final TestPlayer player = new TestPlayer();
    final PlayerState funded = player.apply(new Command.Grant("e1", 1000, GEMS_100)).state();
    final Decision decision = player.decide(new Command.Spend("e2", 2000, "gems", 101));

    assertThat(decision.applied()).isFalse();
    assertThat(decision.rejection()).isEqualTo(Reason.INSUFFICIENT_FUNDS);
    assertThat(decision.state()).isEqualTo(funded);
    assertThat(decision.balances()).isEmpty();
  }

  @Test
  void spendWithinTheBalanceIsApplied() {
    final TestPlayer player = new TestPlayer();
    player.apply(new Command.Grant("e1", 1000, GEMS_100));
    final Decision decision = player.decide(new Command.Spend("e2", 2000, "gems", 100));

    assertThat(decision.state().wallet().balance("gems")).isZero();
    assertThat(decision.state().version()).isEqualTo(2);
  }

  @Test
  void consumeCreditsOnConsumeGrantsPerUnit() {
    final TestPlayer player = new TestPlayer();
    player.apply(new Command.Grant("e1", 1000, Grants.of(Map.of(), List.of(new ItemAmount("chest", 3)))));
    final Decision decision = player.decide(new Command.Consume("e2", 2000, InstanceIds.derive("e1", 0), null, 2,
        Grants.of(Map.of("gold", 5L), List.of(new ItemAmount("key", 1)))));

    assertThat(decision.applied()).isTrue();
    assertThat(decision.balances()).containsExactly(new BalanceMove("gold", 10, 10));
    assertThat(decision.instances()).hasSize(2);
    assertThat(decision.instances().get(0).delta()).isEqualTo(-2);
    assertThat(decision.instances().get(1).instance().instanceId()).isEqualTo(InstanceIds.derive("e2", 0));
    assertThat(decision.instances().get(1).instance().quantity()).isEqualTo(2);
  }

  @Test
  void revocationClawsBackSpentGrantsIntoAVisibleDebt() {
    final TestPlayer player = new TestPlayer();
    player.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 1, GEMS_100));
    player.apply(new Command.Spend("e2", 2000, "gems", 80));
    final Decision decision = player.decide(new Command.Revoke("e3", 3000, "test", "t1"));

    assertThat(decision.applied()).isTrue();
    assertThat(decision.state().wallet().balance("gems")).isEqualTo(-80);
    assertThat(decision.balances()).containsExactly(new BalanceMove("gems", -100, -80));
    assertThat(decision.purchaseLog().kind()).isEqualTo(PurchaseLogMark.Kind.REVOCATION);
    assertThat(decision.purchaseLog().purchaseCount()).isEqualTo(1);
    assertThat(decision.state().version()).isEqualTo(3);
  }

  @Test
  void revokingAnUnknownTransactionIsNotOwned() {
    assertThat(new TestPlayer().decide(new Command.Revoke("e1", 1000, "test", "t1")).rejection())
        .isEqualTo(Reason.NOT_OWNED);
  }

  @Test
  void nonConsumableOwnedIsNotBoughtTwice() {
    final TestPlayer player = new TestPlayer();
    player.apply(new Command.Purchase("e1", 1000, "test", "t1", null, "no-ads",
        "sku", ProductKind.NON_CONSUMABLE, 1, null, false, Grants.NONE));
    final Decision again = player.decide(new Command.Purchase("e2", 2000, "test", "t2", null, "no-ads",
        "sku", ProductKind.NON_CONSUMABLE, 1, null, false, Grants.NONE));

    assertThat(again.rejection()).isEqualTo(Reason.ALREADY_OWNED);
    assertThat(again.state().purchaseCount()).isEqualTo(1);
  }

  @Test
  void permanentItemIsGrantedOnceNeverConsumedAndARefusedGrantAppliesNothing() {
    final Grants sword = Grants.of(Map.of(), List.of(new ItemAmount("sword", 1, false)));
    final TestPlayer player = new TestPlayer();
    final PlayerState owned = player.apply(new Command.Grant("e1", 1000, sword)).state();

    final Decision again = player.decide(new Command.Grant("e2", 2000,
        Grants.of(Map.of("gems", 5L), List.of(new ItemAmount("sword", 1, false)))));
    assertThat(again.applied()).isFalse();
    assertThat(again.rejection()).isEqualTo(Reason.ALREADY_OWNED);
    assertThat(again.state()).isEqualTo(owned);

    final Decision consume = player.decide(new Command.Consume("e3", 3000, InstanceIds.derive("e1", 0),
        "sword", 1, Grants.NONE));
    assertThat(consume.rejection()).isEqualTo(Reason.NOT_CONSUMABLE);

    final Decision two = new TestPlayer().decide(new Command.Grant("e4", 4000,
        Grants.of(Map.of(), List.of(new ItemAmount("sword", 2, false)))));
    assertThat(two.rejection()).isEqualTo(Reason.NON_CONSUMABLE_QUANTITY);
  }

  @Test
  void subscriptionUpdateIsApplied() {
    final TestPlayer player = new TestPlayer();
    player.apply(new Command.Purchase("e1", 1000, "test", "t1", null, "vip", "sku",
        ProductKind.SUBSCRIPTION, 1, 5000L, false, Grants.NONE));
    final Decision decision = player.decide(new Command.UpdateSubscription("e2", 2000, "test", "t1",
        SubscriptionState.EXPIRED, 5000L));

    assertThat(decision.applied()).isTrue();
    assertThat(decision.instances().get(0).instance().status()).isEqualTo(InstanceStatus.EXPIRED);
    assertThat(decision.state().version()).isEqualTo(2);
    assertThat(decision.state().inventory().instances()).as("an ended instance leaves the hot state").isEmpty();
  }

  @Test
  void erasureKeepsAmountsAndRefusesNewBusinessButNotRevocations() {
    final TestPlayer player = new TestPlayer();
    player.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 1, GEMS_100));
    final PlayerState state = player.apply(new Command.Erase("e2", 2000)).state();

    assertThat(state.erased()).isTrue();
    assertThat(state.wallet().balance("gems")).isEqualTo(100);
    assertThat(state.version()).isEqualTo(2);
    assertThat(player.decide(new Command.Grant("e3", 3000, GEMS_100)).rejection()).isEqualTo(Reason.PLAYER_ERASED);
    assertThat(player.decide(new Command.Spend("e4", 3000, "gems", 1)).rejection()).isEqualTo(Reason.PLAYER_ERASED);
    assertThat(player.decide(purchase("e5", "t5", ProductKind.CONSUMABLE, 1, GEMS_100)).rejection())
        .isEqualTo(Reason.PLAYER_ERASED);
    assertThat(player.decide(new Command.Revoke("e6", 3000, "test", "t1")).applied()).isTrue();
  }

  @Test
  void overflowingQuantityIsRejectedNotThrown() {
    final Decision decision = new TestPlayer().decide(purchase("e1", "t1", ProductKind.CONSUMABLE,
        Long.MAX_VALUE, GEMS_100));

    assertThat(decision.rejection()).isEqualTo(Reason.AMOUNT_OVERFLOW);
  }

  @Test
  void sameCommandsYieldEqualStates() {
    final List<Command> log = List.of(
        purchase("e1", "t1", ProductKind.CONSUMABLE, 2, Grants.of(Map.of("gems", 5L, "gold", 7L),
            List.of(new ItemAmount("potion", 1)))),
        new Command.Consume("e2", 2000, InstanceIds.derive("e1", 0), null, 1, Grants.of(Map.of("hp", 3L), List.of())),
        new Command.Spend("e3", 3000, "gold", 4),
        new Command.Revoke("e4", 4000, "test", "t1"));
    final TestPlayer a = new TestPlayer();
    final TestPlayer b = new TestPlayer();
    for (final Command command : log) {
      a.decide(command);
      b.decide(command);
    }
    assertThat(a.state()).isEqualTo(b.state());
    assertThat(a.state().version()).isEqualTo(4);
    assertThat(a.purchase("test", "t1")).isEqualTo(b.purchase("test", "t1"));
  }

  @Test
  void endedInstancesLeaveTheHotStateSoItFollowsWhatIsHeldNotHistory() {
    final TestPlayer player = new TestPlayer();
    for (int i = 0; i < 50; i++) {
      player.apply(new Command.Grant("g" + i, 1000, Grants.of(Map.of(), List.of(new ItemAmount("potion", 1)))));
      player.apply(new Command.Consume("c" + i, 2000, InstanceIds.derive("g" + i, 0), "potion", 1, Grants.NONE));
    }
    assertThat(player.state().inventory().instances()).isEmpty();
    assertThat(player.state().version()).isEqualTo(100);
  }

  @Test
  void activeInstancesAreCappedAndTheCapRefusesTheWholeEvent() {
    final TestPlayer player = new TestPlayer(new Limits(3, 1 << 20));
    final Grants potion = Grants.of(Map.of("gems", 1L), List.of(new ItemAmount("potion", 1)));
    for (int i = 0; i < 3; i++) {
      player.apply(new Command.Grant("g" + i, 1000, potion));
    }
    final Decision fourth = player.decide(new Command.Grant("g3", 1000, potion));

    assertThat(fourth.rejection()).isEqualTo(Reason.INVENTORY_FULL);
    assertThat(player.state().wallet().balance("gems")).as("nothing of the refused grant applied").isEqualTo(3);
    player.apply(new Command.Consume("c0", 2000, InstanceIds.derive("g0", 0), "potion", 1, Grants.NONE));
    player.apply(new Command.Grant("g4", 3000, potion));
    player.apply(new Command.Grant("g5", 3000, Grants.of(Map.of("gems", 9L), List.of())));
  }

  @Test
  void refundTakesBackWhatConsumingTheBoughtInstanceGaveEvenOnceItIsUsedUp() {
    final TestPlayer player = new TestPlayer();
    player.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 1,
        Grants.of(Map.of(), List.of(new ItemAmount("chest", 1)))));
    // Opening the bought chest gives gold and a key; the chest is used up and leaves the state.
    player.apply(new Command.Consume("e2", 2000, InstanceIds.derive("e1", 0), "chest", 1,
        Grants.of(Map.of("gold", 50L), List.of(new ItemAmount("key", 1)))));
    assertThat(player.state().inventory().instances()).containsOnlyKeys(InstanceIds.derive("e2", 0));
    assertThat(player.purchase("test", "t1").consumeCredits()).containsEntry("gold", 50L);

    final Decision refund = player.apply(new Command.Revoke("e3", 3000, "test", "t1"));

    assertThat(refund.balances()).containsExactly(new BalanceMove("gold", -50, 0));
    assertThat(refund.instances()).singleElement().satisfies(m -> {
      assertThat(m.instance().instanceId()).isEqualTo(InstanceIds.derive("e2", 0));
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.REVOKED);
    });
    assertThat(player.state().inventory().instances()).as("never richer than before the purchase").isEmpty();
    assertThat(player.purchase("test", "t1").revoked()).isTrue();
  }

  @Test
  void aPartialRefundTakesBackOnlyTheRefundedUnitsAndTheRestLater() {
    final TestPlayer player = new TestPlayer();
    // 4 packs of 25 gems and 2 potions each: 100 gems, 8 potions.
    player.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 4,
        Grants.of(Map.of("gems", 25L), List.of(new ItemAmount("potion", 2)))));
    final String potions = InstanceIds.derive("e1", 0);

    final Decision one = player.apply(new Command.Revoke("e2", 2000, "test", "t1", 1L));
    assertThat(one.balances()).containsExactly(new BalanceMove("gems", -25, 75));
    assertThat(one.instances()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isEqualTo(-2);
      assertThat(m.instance().quantity()).isEqualTo(6);
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    });
    assertThat(one.purchaseLog().units()).isEqualTo(1);
    assertThat(player.purchase("test", "t1").refundedQuantity()).isEqualTo(1);
    assertThat(player.decide(new Command.Revoke("e3", 3000, "test", "t1", 4L)).rejection())
        .as("more units than are left").isEqualTo(Reason.ALREADY_REVOKED);

    final Decision rest = player.apply(new Command.Revoke("e4", 4000, "test", "t1"));
    assertThat(rest.balances()).containsExactly(new BalanceMove("gems", -75, 0));
    assertThat(rest.instances().get(0).instance().status()).isEqualTo(InstanceStatus.REVOKED);
    assertThat(rest.purchaseLog().units()).isEqualTo(3);
    assertThat(player.state().inventory().instance(potions)).isEmpty();
    assertThat(player.purchase("test", "t1").revoked()).isTrue();
  }

  @Test
  void aPartialRefundRoundsWhatItTakesUpSoNoRefundLeavesThePlayerRicher() {
    final TestPlayer player = new TestPlayer();
    player.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 3,
        Grants.of(Map.of(), List.of(new ItemAmount("chest", 1)))));
    // One chest opened for 10 gold; then one of the three units is refunded.
    player.apply(new Command.Consume("e2", 2000, InstanceIds.derive("e1", 0), "chest", 1,
        Grants.of(Map.of("gold", 10L), List.of())));
    final Decision refund = player.apply(new Command.Revoke("e3", 3000, "test", "t1", 1L));

    // 10 gold × 1/3 rounds up to 4; 2 chests held × 1/3 rounds up to 1.
    assertThat(refund.balances()).containsExactly(new BalanceMove("gold", -4, 6));
    assertThat(refund.instances()).singleElement().satisfies(m -> assertThat(m.delta()).isEqualTo(-1));
  }

  @Test
  void aReversedRefundGivesBackWhatTheRefundTook() {
    final TestPlayer player = new TestPlayer();
    player.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 1,
        Grants.of(Map.of("gems", 100L), List.of(new ItemAmount("potion", 3)))));
    player.apply(new Command.Spend("e2", 2000, "gems", 30));
    player.apply(new Command.Revoke("e3", 3000, "test", "t1"));
    assertThat(player.state().wallet().balance("gems")).isEqualTo(-30);
    assertThat(player.state().inventory().instances()).isEmpty();

    final Decision back = player.apply(new Command.Reinstate("e4", 4000, "test", "t1"));

    assertThat(back.balances()).containsExactly(new BalanceMove("gems", 100, 70));
    assertThat(back.instances()).singleElement().satisfies(m -> {
      assertThat(m.delta()).isEqualTo(3);
      assertThat(m.instance().instanceId()).isEqualTo(InstanceIds.derive("e1", 0));
      assertThat(m.instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    });
    assertThat(back.purchaseLog().kind()).isEqualTo(PurchaseLogMark.Kind.REINSTATEMENT);
    assertThat(player.purchase("test", "t1").revoked()).isFalse();
    assertThat(player.decide(new Command.Reinstate("e5", 5000, "test", "t1")).rejection())
        .isEqualTo(Reason.NOT_REVOKED);
    // The purchase can be refunded again, and gives back what it gave.
    assertThat(player.apply(new Command.Revoke("e6", 6000, "test", "t1")).balances())
        .containsExactly(new BalanceMove("gems", -100, -30));
  }

  @Test
  void anAutoConsumedPurchaseGivesWhatBuyingThenConsumingGives() {
    final Grants chest = Grants.of(Map.of(), List.of(new ItemAmount("chest", 1)));
    final Grants opened = Grants.of(Map.of("gold", 10L), List.of(new ItemAmount("key", 1)));
    final TestPlayer manual = new TestPlayer();
    manual.apply(purchase("e1", "t1", ProductKind.CONSUMABLE, 2, chest));
    manual.apply(new Command.Consume("e2", 2000, InstanceIds.derive("e1", 0), "chest", 2, opened));
    final TestPlayer auto = new TestPlayer();

    final Decision bought = auto.apply(new Command.Purchase("e1", 1000, "test", "t1", null, "p-t1", "sku",
        ProductKind.CONSUMABLE, 2, null, true, chest, opened));

    assertThat(auto.state().wallet()).isEqualTo(manual.state().wallet());
    assertThat(auto.state().inventory().instances().values()).extracting(i -> i.itemId() + "x" + i.quantity())
        .containsExactlyElementsOf(manual.state().inventory().instances().values().stream()
            .map(i -> i.itemId() + "x" + i.quantity()).toList());
    assertThat(bought.instances().get(0).instance().status()).isEqualTo(InstanceStatus.CONSUMED);
    // And a refund takes all of it back.
    final Decision refund = auto.apply(new Command.Revoke("e3", 3000, "test", "t1"));
    assertThat(refund.balances()).containsExactly(new BalanceMove("gold", -20, 0));
    assertThat(auto.state().inventory().instances()).isEmpty();
  }

  @Test
  void aSubscriptionUpdateKeepsAutoRenewAndTheCancelReason() {
    final TestPlayer player = new TestPlayer();
    player.apply(new Command.Purchase("e1", 1000, "test", "t1", null, "vip", "sku", ProductKind.SUBSCRIPTION, 1,
        5000L, false, Grants.NONE));
    final Decision cancelled = player.apply(new Command.UpdateSubscription("e2", 2000, "test", "t1",
        SubscriptionState.CANCELLED, 5000L, false, "CUSTOMER"));

    assertThat(cancelled.instances().get(0).instance().status()).isEqualTo(InstanceStatus.ACTIVE);
    assertThat(cancelled.instances().get(0).instance().autoRenew()).isFalse();
    assertThat(cancelled.instances().get(0).instance().cancelReason()).isEqualTo("CUSTOMER");
    final Decision hold = player.apply(new Command.UpdateSubscription("e3", 3000, "test", "t1",
        SubscriptionState.ON_HOLD, null));
    assertThat(hold.instances().get(0).instance().autoRenew()).as("kept when not reported").isFalse();
  }
}
