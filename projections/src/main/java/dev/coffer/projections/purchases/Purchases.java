package dev.coffer.projections.purchases;

import dev.coffer.projections.inventory.InstanceMove;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A player's purchases with their status now, and the purchase-log entries held on them.
 * Immutable; {@link #apply} and {@link #withLogEntry} return a new one, and both are idempotent.
 *
 * @param version the player's version after the last event that changed a purchase
 * @param purchases one per purchased instance, oldest first
 * @param log the purchase-log entries (purchases and revocations), oldest first
 */
public record Purchases(long version, List<Purchase> purchases, List<PurchaseLogRecord> log) {
  /** The purchases of a player who bought nothing. */
  public static final Purchases EMPTY = new Purchases(0, List.of(), List.of());

  public Purchases {
    purchases = List.copyOf(purchases);
    log = List.copyOf(log);
  }

  /**
   * The purchases after an event's instance moves: every move of a purchased instance replaces
   * that purchase (a consumed, revoked or expired one stays, with its new status).
   *
   * @param moves the event's moves
   * @param eventVersion the player's version after the event
   * @return the new purchases, or this if no move touched a purchase
   */
  public Purchases apply(final List<InstanceMove> moves, final long eventVersion) {
    final Map<String, Purchase> byId = new LinkedHashMap<>();
    purchases.forEach(p -> byId.put(p.instanceId(), p));
    boolean changed = false;
    for (final InstanceMove move : moves) {
      if (move.instance().purchased()) {
        byId.put(move.instance().instanceId(), Purchase.of(move.instance(), eventVersion));
        changed = true;
      }
    }
    if (!changed) {
      return this;
    }
    final List<Purchase> sorted = byId.values().stream()
        .sorted(Comparator.comparing(Purchase::purchasedAt).thenComparing(Purchase::instanceId)).toList();
    return new Purchases(eventVersion, sorted, log);
  }

  /**
   * The purchases with one more purchase-log entry; an entry already held (same event and type)
   * is replaced, so a replay adds nothing.
   *
   * @param entry the entry
   * @return the new purchases
   */
  public Purchases withLogEntry(final PurchaseLogRecord entry) {
    final List<PurchaseLogRecord> entries = new ArrayList<>(log.size() + 1);
    log.stream().filter(e -> !(e.eventId().equals(entry.eventId()) && e.entryType().equals(entry.entryType())))
        .forEach(entries::add);
    entries.add(entry);
    entries.sort(Comparator.comparing(PurchaseLogRecord::loggedAt).thenComparing(PurchaseLogRecord::eventId));
    return new Purchases(version, purchases, entries);
  }
}
