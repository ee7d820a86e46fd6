package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.inventory.InventoryRules;
import dev.coffer.ledger.inventory.InventoryUpdate;
import dev.coffer.ledger.inventory.PurchaseSpec;
import dev.coffer.ledger.inventory.Revocation;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import dev.coffer.ledger.wallet.WalletRules;
import dev.coffer.ledger.wallet.WalletUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The fold's one entry point: {@code (PlayerState, Command) -> Decision}. A pure function: no clock,
 * no randomness, sorted iteration, so replaying the same commands yields the same states.
 * An applied command bumps the player's version by one; a rejected one changes nothing.
 */
public final class LedgerRules {
  private LedgerRules() {
  }

  /**
   * Decides one command.
   *
   * @param state the player's state before
   * @param command the command
   * @return the decision
   */
  public static Decision decide(final PlayerState state, final Command command) {
    try {
      return switch (command) {
        case Command.Purchase purchase -> purchase(state, purchase);
        case Command.Consume consume -> consume(state, consume);
        case Command.Grant grant -> grant(state, grant);
        case Command.Spend spend -> spend(state, spend);
        case Command.Revoke revoke -> revoke(state, revoke);
        case Command.UpdateSubscription update -> updateSubscription(state, update);
        case Command.Erase erase -> applied(state, new PlayerState(state.version(), state.purchaseCount(), true,
            state.wallet(), state.inventory()), null, null, null);
      };
    } catch (final RuleRejected rejected) {
      return Decision.rejected(state, rejected.reason(), rejected.getMessage());
    }
  }

  private static Decision purchase(final PlayerState state, final Command.Purchase purchase) {
    rejectIfErased(state);
    final Grants grants = purchase.grantsPerUnit().times(purchase.quantity());
    final InventoryUpdate inventory = InventoryRules.purchase(state.inventory(), new PurchaseSpec(
        purchase.eventId(), purchase.occurredAt(), purchase.store(), purchase.transactionId(),
        purchase.originalTransactionId(), purchase.productId(), purchase.storeProductId(), purchase.kind(),
        purchase.quantity(), purchase.expiresAt(), purchase.autoConsume(), grants.items(), grants.currencies()));
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), grants.currencies());
    final int purchaseCount = state.purchaseCount() + 1;
    final PlayerState after = new PlayerState(state.version(), purchaseCount, state.erased(), wallet.wallet(),
        inventory.inventory());
    final PurchaseLogMark mark = new PurchaseLogMark(PurchaseLogMark.Kind.PURCHASE, purchaseCount,
        inventory.inventory().purchase(purchase.store(), purchase.transactionId()).orElseThrow());
    return applied(state, after, wallet, inventory.moves(), mark);
  }

  private static Decision consume(final PlayerState state, final Command.Consume consume) {
    rejectIfErased(state);
    final Grants credited = consume.onConsumePerUnit().times(consume.quantity());
    final InventoryUpdate consumed = InventoryRules.consume(state.inventory(), consume.instanceId(),
        consume.itemId(), consume.quantity(), credited.currencies());
    final InventoryUpdate granted = InventoryRules.grant(consumed.inventory(), consume.eventId(),
        consume.occurredAt(), credited.items(), 0);
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), credited.currencies());
    final List<InstanceMove> moves = new ArrayList<>(consumed.moves());
    moves.addAll(granted.moves());
    return applied(state, new PlayerState(state.version(), state.purchaseCount(), state.erased(), wallet.wallet(),
        granted.inventory()), wallet, moves, null);
  }

  private static Decision grant(final PlayerState state, final Command.Grant grant) {
    rejectIfErased(state);
    final InventoryUpdate inventory = InventoryRules.grant(state.inventory(), grant.eventId(), grant.occurredAt(),
        grant.grants().items(), 0);
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), grant.grants().currencies());
    return applied(state, new PlayerState(state.version(), state.purchaseCount(), state.erased(), wallet.wallet(),
        inventory.inventory()), wallet, inventory.moves(), null);
  }

  private static Decision spend(final PlayerState state, final Command.Spend spend) {
    rejectIfErased(state);
    final WalletUpdate wallet = WalletRules.spend(state.wallet(), spend.currency(), spend.amount());
    return applied(state, new PlayerState(state.version(), state.purchaseCount(), state.erased(), wallet.wallet(),
        state.inventory()), wallet, null, null);
  }

  private static Decision revoke(final PlayerState state, final Command.Revoke revoke) {
    // Store revocations apply even after erasure: the money moved, and amounts must still replay.
    final Revocation revocation = InventoryRules.revoke(state.inventory(), revoke.store(), revoke.transactionId());
    final WalletUpdate wallet = WalletRules.clawBack(state.wallet(), revocation.clawBack());
    final PlayerState after = new PlayerState(state.version(), state.purchaseCount(), state.erased(),
        wallet.wallet(), revocation.update().inventory());
    return applied(state, after, wallet, revocation.update().moves(),
        new PurchaseLogMark(PurchaseLogMark.Kind.REVOCATION, state.purchaseCount(), revocation.purchase()));
  }

  private static Decision updateSubscription(final PlayerState state, final Command.UpdateSubscription update) {
    final InventoryUpdate inventory = InventoryRules.updateSubscription(state.inventory(), update.store(),
        update.originalTransactionId(), update.state(), update.expiresAt());
    return applied(state, new PlayerState(state.version(), state.purchaseCount(), state.erased(), state.wallet(),
        inventory.inventory()), null, inventory.moves(), null);
  }

  private static Decision applied(final PlayerState before, final PlayerState after, final WalletUpdate wallet,
                                  final List<InstanceMove> instances, final PurchaseLogMark mark) {
    final PlayerState versioned = new PlayerState(before.version() + 1, after.purchaseCount(), after.erased(),
        after.wallet(), after.inventory());
    return new Decision(versioned, null, null, wallet == null ? List.of() : wallet.moves(),
        instances == null ? List.of() : instances, mark);
  }

  private static void rejectIfErased(final PlayerState state) {
    if (state.erased()) {
      throw new RuleRejected(Reason.PLAYER_ERASED, "the player was erased");
    }
  }
}
