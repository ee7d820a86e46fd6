package dev.coffer.ledger.inventory;

import dev.coffer.ledger.rejection.RuleRejected;
import java.util.List;
import java.util.Map;

/**
 * The rules that create, consume, revoke and update item instances. Each returns a new inventory
 * with the moves it made (and the purchase records it wrote), or throws {@link RuleRejected}; none
 * reads a clock.
 *
 * <p>This is the package's one entry to them; each concern lives in a class of its own: recording
 * purchases ({@link Purchases}), granting items ({@link ItemGrants}), consuming ({@link Consumption}),
 * refunds and their reversal ({@link Refunds}), subscriptions' status ({@link Subscriptions}).
 */
public final class InventoryRules {
  private InventoryRules() {
  }

  /**
   * Where an instance comes from when a purchase paid for it: the store and transaction a refund
   * names. {@code null} where a plain grant made it.
   *
   * @param store the store
   * @param transactionId the transaction
   */
  public record Provenance(String store, String transactionId) {
  }

  /**
   * Records a verified purchase: a subscription renewal (same store and original transaction as an
   * active subscription the player holds) extends the held instances; anything else creates
   * instances, one per item given (or one for the product itself when it gives no item and is not a
   * currency-only consumable).
   *
   * @param inventory the inventory before
   * @param spec what the purchase gives
   * @param book the player's recorded purchases
   * @return the inventory after, with the purchase's record
   * @throws RuleRejected TRANSACTION_ALREADY_RECORDED, ALREADY_OWNED
   */
  public static InventoryUpdate purchase(final Inventory inventory, final PurchaseSpec spec, final PurchaseBook book) {
    return Purchases.purchase(inventory, spec, book);
  }

  /**
   * What auto-consuming a purchase's items gives, added to the purchase just recorded: the items'
   * onConsume items granted (carrying the purchase, so a refund finds them) and the credited currencies
   * counted in the purchase's consume credits (so a refund takes them back).
   *
   * @param purchased the update {@link #purchase} made (its one purchase record)
   * @param eventId the purchase event
   * @param occurredAt when it occurred
   * @param credited currencies the auto-consumption credits
   * @param granted items it grants
   * @return the update with the granted instances and the purchase record completed
   */
  public static InventoryUpdate autoConsumed(final InventoryUpdate purchased, final String eventId,
                                             final long occurredAt, final Map<String, Long> credited,
                                             final List<ItemAmount> granted) {
    return Purchases.autoConsumed(purchased, eventId, occurredAt, credited, granted);
  }

  /**
   * Grants items: each creates an instance, consumable or permanent as the grant says, ids derived
   * from {@code eventId} from {@code firstIndex} on. A permanent item is granted one unit at a time
   * and only to a player who does not hold it (active, not revoked), also not earlier in the same
   * grant; any refusal refuses the whole grant.
   *
   * @param inventory the inventory before
   * @param eventId the granting event
   * @param occurredAt when it occurred
   * @param items the items, in declared order
   * @param firstIndex the index of the first instance this event creates here
   * @param provenance the purchase that paid for them (a consume of a bought instance), or {@code null}
   * @return the inventory after
   * @throws RuleRejected ALREADY_OWNED if an item is a non-consumable or permanent item the player
   *     holds, NON_CONSUMABLE_QUANTITY if a permanent item is granted more than one unit
   */
  public static InventoryUpdate grant(final Inventory inventory, final String eventId, final long occurredAt,
                                      final List<ItemAmount> items, final int firstIndex,
                                      final Provenance provenance) {
    return ItemGrants.grant(inventory, eventId, occurredAt, items, firstIndex, provenance);
  }

  /**
   * Consumes units of an instance the player holds and grants what consuming them gives. When the
   * instance comes from a purchase, the purchase's record learns what was credited and granted, so a
   * refund takes that back too; the granted instances carry the same purchase.
   *
   * @param inventory the inventory before
   * @param book the player's recorded purchases
   * @param eventId the consuming event (seeds the granted instances' ids)
   * @param occurredAt when it occurred
   * @param instanceId the instance
   * @param itemId the item the instance must be of, since the grants were resolved for it; null skips
   *     the check (events written before the field existed)
   * @param quantity units, positive
   * @param credited currencies the consume credits (the item's onConsume grants times quantity)
   * @param granted items the consume grants (likewise)
   * @return the inventory after, with the consume's move first, then the granted instances
   * @throws RuleRejected NOT_OWNED, ITEM_MISMATCH, NOT_CONSUMABLE, INSUFFICIENT_QUANTITY, ALREADY_OWNED,
   *     NON_CONSUMABLE_QUANTITY
   */
  public static InventoryUpdate consume(final Inventory inventory, final PurchaseBook book, final String eventId,
                                        final long occurredAt, final String instanceId, final String itemId,
                                        final long quantity, final Map<String, Long> credited,
                                        final List<ItemAmount> granted) {
    return Consumption.consume(inventory, book, eventId, occurredAt, instanceId, itemId, quantity, credited,
        granted);
  }

  /**
   * Refunds units of a store transaction. Refunding {@code r} of the {@code R} units not refunded yet
   * takes back, rounding up so a refund never leaves the player richer than before the purchase:
   * <ul>
   *   <li>what the purchase credited for those units ({@code currencies × r / quantity}, exact);</li>
   *   <li>{@code r / R} of what consuming its instances credited and has not been taken back yet;</li>
   *   <li>{@code r / R} of each instance still held that the purchase created, extended or whose
   *       consumption granted it (all of it when {@code r = R}: REVOKED, subscriptions too).</li>
   * </ul>
   * A whole refund ({@code units} null) takes back all that is left. What was taken is kept on the
   * purchase, so a reversed refund can give it back.
   *
   * @param inventory the inventory before
   * @param book the player's recorded purchases
   * @param store the store
   * @param transactionId the transaction refunded
   * @param units units refunded (a quantity-based partial refund), or {@code null} for all that are left
   * @return the inventory side of the revocation
   * @throws RuleRejected NOT_OWNED if the player has no such transaction, ALREADY_REVOKED if every unit
   *     was already refunded or more units are refunded than are left
   */
  public static Revocation revoke(final Inventory inventory, final PurchaseBook book, final String store,
                                  final String transactionId, final Long units) {
    return Refunds.revoke(inventory, book, store, transactionId, units);
  }

  /**
   * Reverses every refund of a store transaction (Apple REFUND_REVERSED): the instances the refunds took
   * are given back (a held one gets its units back, an ended one stands again as it was), and the
   * currencies they took back are to be credited again.
   *
   * @param inventory the inventory before
   * @param book the player's recorded purchases
   * @param store the store
   * @param transactionId the transaction whose refunds are reversed
   * @return the inventory side, and in {@code clawBack} what to credit again
   * @throws RuleRejected NOT_OWNED if the player has no such transaction, NOT_REVOKED if nothing of it
   *     was refunded
   */
  public static Revocation reinstate(final Inventory inventory, final PurchaseBook book, final String store,
                                     final String transactionId) {
    return Refunds.reinstate(inventory, book, store, transactionId);
  }

  /**
   * Applies a store's report of a subscription's status and expiry to every instance of it the player
   * holds. An EXPIRED or REVOKED status ends the instances (they leave the player's state).
   *
   * @param inventory the inventory before
   * @param store the store
   * @param originalTransactionId the subscription's first transaction
   * @param state the status now
   * @param expiresAt the period's end as reported, or {@code null} to keep the one held
   * @param autoRenew whether it will renew, or {@code null} to keep what was known
   * @param cancelReason why it stops renewing, or {@code null} (cleared when it renews again)
   * @return the inventory after
   * @throws RuleRejected NOT_OWNED if the player holds no such subscription (never, or no longer)
   */
  public static InventoryUpdate updateSubscription(final Inventory inventory, final String store,
                                                   final String originalTransactionId,
                                                   final SubscriptionState state, final Long expiresAt,
                                                   final Boolean autoRenew, final String cancelReason) {
    return Subscriptions.update(inventory, store, originalTransactionId, state, expiresAt, autoRenew,
        cancelReason);
  }
}
