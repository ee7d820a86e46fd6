package dev.coffer.projections.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.inventory.InstanceMove;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.wallet.Balance;
import dev.coffer.projections.wallet.BalanceMove;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerFoldTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static EventOutcome outcome(final String type, final String status, final long version,
                              final List<BalanceMove> balances, final List<InstanceMove> instances) {
    return new EventOutcome("e-" + version + "-" + type, "dk", "app", "ref", type, status, null, null, null, null,
        version, balances, instances, T, false, null);
  }

  static Instance instance(final String id, final String status, final String productId, final String sub) {
    return new Instance(id, "item", 1, status, false, T, "src", productId, productId == null ? null : "SUBSCRIPTION",
        productId == null ? null : "GOOGLE_PLAY", "tx", "tx", sub, null, null, null);
  }

  @Test
  void appliesBalancesAtTheOutcomesVersionAndRecordsTheHistoryEntry() {
    final PlayerFold.Step step = PlayerFold.apply(PlayerViews.NEW, outcome("PURCHASE_VERIFIED", "APPLIED", 1,
        List.of(new BalanceMove("gems", 100, 100)),
        List.of(new InstanceMove(1, instance("i-1", "ACTIVE", "vip", "ACTIVE")))));

    assertThat(step.effect()).isEqualTo(PlayerFold.Effect.APPLIED);
    assertThat(step.views().status()).isEqualTo(new PlayerStatus(1, false, null));
    assertThat(step.views().wallet().balances()).containsExactly(Balance.of("gems", 100));
    assertThat(step.entry().version()).isEqualTo(1);
  }

  @Test
  void aRevocationLeavesAVisibleDebt() {
    final PlayerViews held = PlayerFold.apply(PlayerViews.NEW, outcome("GRANT_ISSUED", "APPLIED", 1,
        List.of(new BalanceMove("gems", 100, 100)), List.of())).views();
    final PlayerViews revoked = PlayerFold.apply(held, outcome("PURCHASE_REVOKED", "APPLIED", 2,
        List.of(new BalanceMove("gems", -150, -50)), List.of())).views();

    assertThat(revoked.wallet().balances()).containsExactly(new Balance("gems", -50, 50));
  }

  @Test
  void rejectedDuplicateAndReplayedOutcomesChangeNothing() {
    final PlayerViews v1 = PlayerFold.apply(PlayerViews.NEW, outcome("GRANT_ISSUED", "APPLIED", 1,
        List.of(new BalanceMove("gems", 5, 5)), List.of())).views();

    assertThat(PlayerFold.apply(v1, outcome("CURRENCY_SPENT", "REJECTED", 1, List.of(), List.of())).effect())
        .isEqualTo(PlayerFold.Effect.UNCHANGED);
    assertThat(PlayerFold.apply(v1, outcome("GRANT_ISSUED", "DUPLICATE", 1,
        List.of(new BalanceMove("gems", 5, 5)), List.of())).effect()).isEqualTo(PlayerFold.Effect.UNCHANGED);
    final PlayerFold.Step replay = PlayerFold.apply(v1, outcome("GRANT_ISSUED", "APPLIED", 1,
        List.of(new BalanceMove("gems", 5, 999)), List.of()));
    assertThat(replay.effect()).isEqualTo(PlayerFold.Effect.UNCHANGED);
    assertThat(replay.views()).isEqualTo(v1);
  }

  @Test
  void erasureDropsEveryViewAndNothingChangesAnErasedPlayer() {
    final PlayerViews v1 = PlayerFold.apply(PlayerViews.NEW, outcome("GRANT_ISSUED", "APPLIED", 1,
        List.of(new BalanceMove("gems", 5, 5)), List.of(new InstanceMove(1, instance("i", "ACTIVE", null, null)))))
        .views();
    final PlayerFold.Step erased = PlayerFold.apply(v1, outcome("PLAYER_ERASED", "APPLIED", 2, List.of(), List.of()));

    assertThat(erased.effect()).isEqualTo(PlayerFold.Effect.ERASED);
    assertThat(erased.views()).isEqualTo(new PlayerViews(new PlayerStatus(2, true, T), PlayerViews.NEW.wallet()));
    assertThat(PlayerFold.apply(erased.views(), outcome("GRANT_ISSUED", "APPLIED", 3,
        List.of(new BalanceMove("gems", 5, 5)), List.of())).effect()).isEqualTo(PlayerFold.Effect.UNCHANGED);
  }
}
