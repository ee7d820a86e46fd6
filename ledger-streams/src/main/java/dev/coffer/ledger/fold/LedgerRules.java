package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.InstanceMove;
import dev.coffer.ledger.inventory.InventoryRules;
import dev.coffer.ledger.inventory.InventoryUpdate;
import dev.coffer.ledger.inventory.PurchaseBook;
import dev.coffer.ledger.inventory.PurchaseRecord;
import dev.coffer.ledger.inventory.PurchaseSpec;
import dev.coffer.ledger.inventory.Revocation;
import dev.coffer.ledger.rejection.Amounts;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import dev.coffer.ledger.wallet.WalletRules;
import dev.coffer.ledger.wallet.WalletUpdate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fold's one entry point: {@code (PlayerState, Command) -> Decision}. A pure function: no clock,
 * no randomness, sorted iteration, so replaying the same commands yields the same states.
 * An applied command bumps the player's version by one; a rejected one changes nothing.
 */
public final class LedgerRules {
  private LedgerRules() {
  }

  /**
   * Decides one command with the default limits.
   *
   * @param state the player's state before
   * @param command the command
   * @param purchases the player's recorded purchases
   * @return the decision
   */
  public static Decision decide(final PlayerState state, final Command command, final PurchaseBook purchases) {
    return decide(state, command, purchases, Limits.DEFAULTS);
  }

  /**
   * Decides one command.
   *
   * @param state the player's state before
   * @param command the command
   * @param purchases the player's recorded purchases
   * @param limits the bounds on the player's state
   * @return the decision
   */
  public static Decision decide(final PlayerState state, final Command command, final PurchaseBook purchases,
                                final Limits limits) {
    try {
      final Decision decision = switch (command) {
        case Command.Purchase purchase -> purchase(state, purchase, purchases);
        case Command.Consume consume -> consume(state, consume, purchases);
        case Command.Grant grant -> grant(state, grant);
        case Command.Spend spend -> spend(state, spend);
        case Command.Revoke revoke -> revoke(state, revoke, purchases);
        case Command.Reinstate reinstate -> reinstate(state, reinstate, purchases);
        case Command.UpdateSubscription update -> updateSubscription(state, update);
        case Command.Erase erase -> applied(state, new PlayerState(state.version(), state.purchaseCount(), true,
            state.wallet(), state.inventory()), null, null, List.of(), null);
      };
      final int held = decision.state().inventory().size();
      if (held > limits.maxActiveInstances() && held > state.inventory().size()) {
        throw new RuleRejected(Reason.INVENTORY_FULL, "the player would hold " + held
            + " active instances; the most is " + limits.maxActiveInstances());
      }
      return decision;
    } catch (final RuleRejected rejected) {
      return Decision.rejected(state, rejected.reason(), rejected.getMessage());
    }
  }

  private static Decision purchase(final PlayerState state, final Command.Purchase purchase,
                                   final PurchaseBook book) {
    rejectIfErased(state);
    final Grants grants = purchase.grantsPerUnit().times(purchase.quantity());
    final InventoryUpdate inventory = InventoryRules.purchase(state.inventory(), new PurchaseSpec(
        purchase.eventId(), purchase.occurredAt(), purchase.store(), purchase.transactionId(),
        purchase.originalTransactionId(), purchase.productId(), purchase.storeProductId(), purchase.kind(),
        purchase.quantity(), purchase.expiresAt(), purchase.autoConsume(), grants.items(), grants.currencies()),
        book);
    // Auto-consumed, a purchase gives exactly what buying then consuming gives: the items' onConsume too.
    final Grants credited = purchase.autoConsume() ? purchase.onConsumePerUnit().times(purchase.quantity())
        : Grants.NONE;
    final InventoryUpdate bought = credited.isEmpty() ? inventory
        : InventoryRules.autoConsumed(inventory, purchase.eventId(), purchase.occurredAt(), credited.currencies(),
            credited.items());
    final Map<String, Long> currencies = new TreeMap<>(grants.currencies());
    credited.currencies().forEach((currency, amount) -> currencies.merge(currency, amount, Amounts::add));
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), currencies);
    final int purchaseCount = state.purchaseCount() + 1;
    final PlayerState after = new PlayerState(state.version(), purchaseCount, state.erased(), wallet.wallet(),
        bought.inventory());
    final PurchaseRecord record = bought.purchases().getFirst();
    return applied(state, after, wallet, bought.moves(), bought.purchases(),
        new PurchaseLogMark(PurchaseLogMark.Kind.PURCHASE, purchaseCount, record, purchase.quantity()));
  }

  private static Decision consume(final PlayerState state, final Command.Consume consume, final PurchaseBook book) {
    rejectIfErased(state);
    final Grants credited = consume.onConsumePerUnit().times(consume.quantity());
    final InventoryUpdate inventory = InventoryRules.consume(state.inventory(), book, consume.eventId(),
        consume.occurredAt(), consume.instanceId(), consume.itemId(), consume.quantity(), credited.currencies(),
        credited.items());
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), credited.currencies());
    return applied(state, state.with(wallet.wallet(), inventory.inventory()), wallet, inventory.moves(),
        inventory.purchases(), null);
  }

  private static Decision grant(final PlayerState state, final Command.Grant grant) {
    rejectIfErased(state);
    final InventoryUpdate inventory = InventoryRules.grant(state.inventory(), grant.eventId(), grant.occurredAt(),
        grant.grants().items(), 0, null);
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), grant.grants().currencies());
    return applied(state, state.with(wallet.wallet(), inventory.inventory()), wallet, inventory.moves(), List.of(),
        null);
  }

  private static Decision spend(final PlayerState state, final Command.Spend spend) {
    rejectIfErased(state);
    final WalletUpdate wallet = WalletRules.spend(state.wallet(), spend.currency(), spend.amount());
    return applied(state, state.with(wallet.wallet(), state.inventory()), wallet, null, List.of(), null);
  }

  private static Decision revoke(final PlayerState state, final Command.Revoke revoke, final PurchaseBook book) {
    // Store revocations apply even after erasure: the money moved, and amounts must still replay.
    final long unrefunded = book.find(revoke.store(), revoke.transactionId()).map(PurchaseRecord::unrefunded)
        .orElse(0L);
    final Revocation revocation = InventoryRules.revoke(state.inventory(), book, revoke.store(),
        revoke.transactionId(), revoke.units());
    final WalletUpdate wallet = WalletRules.clawBack(state.wallet(), revocation.clawBack());
    return applied(state, state.with(wallet.wallet(), revocation.update().inventory()), wallet,
        revocation.update().moves(), revocation.update().purchases(),
        new PurchaseLogMark(PurchaseLogMark.Kind.REVOCATION, state.purchaseCount(), revocation.purchase(),
            revoke.units() == null ? unrefunded : revoke.units()));
  }

  private static Decision reinstate(final PlayerState state, final Command.Reinstate reinstate,
                                    final PurchaseBook book) {
    // Like a refund, its reversal applies after erasure too: the money moved back.
    final long refunded = book.find(reinstate.store(), reinstate.transactionId())
        .map(PurchaseRecord::refundedQuantity).orElse(0L);
    final Revocation reversal = InventoryRules.reinstate(state.inventory(), book, reinstate.store(),
        reinstate.transactionId());
    final WalletUpdate wallet = WalletRules.credit(state.wallet(), reversal.clawBack());
    return applied(state, state.with(wallet.wallet(), reversal.update().inventory()), wallet,
        reversal.update().moves(), reversal.update().purchases(),
        new PurchaseLogMark(PurchaseLogMark.Kind.REINSTATEMENT, state.purchaseCount(), reversal.purchase(),
            refunded));
  }

  private static Decision updateSubscription(final PlayerState state, final Command.UpdateSubscription update) {
    final InventoryUpdate inventory = InventoryRules.updateSubscription(state.inventory(), update.store(),
        update.originalTransactionId(), update.state(), update.expiresAt(), update.autoRenew(),
        update.cancelReason());
    return applied(state, state.with(state.wallet(), inventory.inventory()), null, inventory.moves(), List.of(),
        null);
  }

  private static Decision applied(final PlayerState before, final PlayerState after, final WalletUpdate wallet,
                                  final List<InstanceMove> instances, final List<PurchaseRecord> purchases,
                                  final PurchaseLogMark mark) {
    final PlayerState versioned = new PlayerState(before.version() + 1, after.purchaseCount(), after.erased(),
        after.wallet(), after.inventory());
    return new Decision(versioned, null, null, wallet == null ? List.of() : wallet.moves(),
        instances == null ? List.of() : instances, purchases, mark);
  }

  private static void rejectIfErased(final PlayerState state) {
    if (state.erased()) {
      throw new RuleRejected(Reason.PLAYER_ERASED, "the player was erased");
    }
  }
}
