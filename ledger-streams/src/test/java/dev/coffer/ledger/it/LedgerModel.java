package dev.coffer.ledger.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An independent model of the ledger, written from the design's rules (docs: DESIGN.md, "Keys",
 * "Invariants", "Outcomes") in plain Java: it never calls the ledger's domain classes. The
 * integration tests compare what the real topology wrote with what this model computes.
 *
 * <p>Only the two contracts a client must know are mirrored: the dedupe key formats and the
 * derivation of instance ids from the creating eventId (a client consuming an item names it).
 */
final class LedgerModel {
  static final String APPLIED = "APPLIED";
  static final String DUPLICATE = "DUPLICATE";
  static final String REJECTED = "REJECTED";

  /** The envelope of a test event: identity, idempotency and what happened. */
  record Ev(String eventId, String appId, String playerRef, String idempotencyKey, String dedupeKey,
            long occurredAt, Payload payload) {
    String playerKey() {
      return appId + "|" + playerRef;
    }

    boolean receipt() {
      return dedupeKey.startsWith(appId + "|receipt|");
    }

    /** The same fact resubmitted: a new eventId and arrival time, everything else equal. */
    Ev resubmitted(final String newEventId, final long at) {
      return new Ev(newEventId, appId, playerRef, idempotencyKey, dedupeKey, at, payload);
    }
  }

  /** What happened. Maps are sorted so equal content compares equal. */
  sealed interface Payload {
  }

  record Purchase(String store, String transactionId, String originalTransactionId, String productId,
                  String kind, long quantity, TreeMap<String, Long> currencies,
                  List<Item> items) implements Payload {
  }

  record Consume(String instanceId, long quantity, TreeMap<String, Long> onConsume) implements Payload {
  }

  record Grant(String reason, TreeMap<String, Long> currencies, List<Item> items) implements Payload {
  }

  record Spend(String currency, long amount, String reason) implements Payload {
  }

  record Revoke(String store, String transactionId, String reason) implements Payload {
  }

  record Item(String itemId, long quantity) {
  }

  /** The expected outcome of one event. */
  record Expected(String eventId, String playerKey, String status, String reason, long version) {
  }

  /** An item instance as the model holds it. */
  static final class Inst {
    final String id;
    final String itemId;
    final String kind;
    final String productId;
    final String store;
    final String subscriptionKey;
    long quantity;
    String status = "ACTIVE";
    String transactionId;
    final TreeMap<String, Long> consumeCredits = new TreeMap<>();

    Inst(final String id, final String itemId, final long quantity, final String kind, final String productId,
         final String store, final String transactionId, final String subscriptionKey) {
      this.id = id;
      this.itemId = itemId;
      this.quantity = quantity;
      this.kind = kind;
      this.productId = productId;
      this.store = store;
      this.transactionId = transactionId;
      this.subscriptionKey = subscriptionKey;
    }

    boolean active() {
      return status.equals("ACTIVE");
    }

    boolean consumable() {
      return kind == null || kind.equals("CONSUMABLE");
    }

    boolean ownedNonConsumable() {
      return active() && "NON_CONSUMABLE".equals(kind);
    }
  }

  /** A recorded store purchase: what it credited and the instances it created or extended. */
  static final class Bought {
    final String productId;
    final TreeMap<String, Long> credited;
    final List<String> instanceIds;
    boolean revoked;

    Bought(final String productId, final TreeMap<String, Long> credited, final List<String> instanceIds) {
      this.productId = productId;
      this.credited = credited;
      this.instanceIds = instanceIds;
    }
  }

  /** One player's state. */
  static final class Player {
    long version;
    final TreeMap<String, Long> wallet = new TreeMap<>();
    final LinkedHashMap<String, Inst> instances = new LinkedHashMap<>();
    final LinkedHashMap<String, Bought> purchases = new LinkedHashMap<>();

    long balance(final String currency) {
      return wallet.getOrDefault(currency, 0L);
    }
  }

  private record Seen(String playerKey, String fingerprint, Expected outcome) {
  }

  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;

    Rejection(final String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  private final Map<String, Player> players = new LinkedHashMap<>();
  private final Map<String, Seen> dedupe = new LinkedHashMap<>();
  private final List<Expected> outcomes = new ArrayList<>();

  /** The instance id the ledger derives for the {@code index}-th instance an event creates. */
  static String instanceId(final String eventId, final int index) {
    return UUID.nameUUIDFromBytes(("coffer-instance|" + eventId + "|" + index)
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  Player player(final String playerKey) {
    return players.computeIfAbsent(playerKey, k -> new Player());
  }

  Map<String, Player> players() {
    return players;
  }

  List<Expected> outcomes() {
    return outcomes;
  }

  /** Applies one event in ledger order and returns its expected outcome. */
  Expected apply(final Ev ev) {
    final Player player = player(ev.playerKey());
    final String fingerprint = fingerprint(ev);
    final Seen seen = dedupe.get(ev.dedupeKey());
    final Expected outcome;
    if (seen == null) {
      outcome = decide(ev, player);
      dedupe.put(ev.dedupeKey(), new Seen(ev.playerKey(), fingerprint, outcome));
    } else if (!seen.playerKey().equals(ev.playerKey()) && ev.receipt()) {
      outcome = new Expected(ev.eventId(), ev.playerKey(), REJECTED, "RECEIPT_ALREADY_USED", player.version);
    } else if (!seen.playerKey().equals(ev.playerKey()) || !seen.fingerprint().equals(fingerprint)) {
      outcome = new Expected(ev.eventId(), ev.playerKey(), REJECTED, "IDEMPOTENCY_KEY_REUSED", player.version);
    } else {
      // A replay answers with the original's result and version, at any distance in time.
      outcome = new Expected(ev.eventId(), ev.playerKey(), DUPLICATE, seen.outcome().reason(),
          seen.outcome().version());
    }
    outcomes.add(outcome);
    return outcome;
  }

  /** What makes two submissions the same fact: a receipt's identity, or the full content. */
  private static String fingerprint(final Ev ev) {
    if (ev.payload() instanceof Purchase p) {
      return ev.playerKey() + "|" + p.store() + "|" + p.transactionId() + "|" + p.productId();
    }
    return ev.playerKey() + "|" + ev.payload();
  }

  private Expected decide(final Ev ev, final Player player) {
    try {
      switch (ev.payload()) {
        case Purchase p -> purchase(ev, player, p);
        case Consume c -> consume(player, c);
        case Grant g -> grant(ev, player, g);
        case Spend s -> spend(player, s);
        case Revoke r -> revoke(player, r);
      }
      player.version++;
      return new Expected(ev.eventId(), ev.playerKey(), APPLIED, null, player.version);
    } catch (final Rejection rejected) {
      return new Expected(ev.eventId(), ev.playerKey(), REJECTED, rejected.reason, player.version);
    }
  }

  private static TreeMap<String, Long> times(final Map<String, Long> amounts, final long n) {
    final TreeMap<String, Long> scaled = new TreeMap<>();
    amounts.forEach((c, a) -> scaled.put(c, Math.multiplyExact(a, n)));
    return scaled;
  }

  private static void credit(final Player player, final Map<String, Long> amounts, final int sign) {
    amounts.forEach((c, a) -> player.wallet.merge(c, sign * a, Long::sum));
  }

  private static String purchaseKey(final String store, final String transactionId) {
    return store + "|" + transactionId;
  }

  // Every rule checks before it changes anything: a rejection leaves the state as it was.
  private static void purchase(final Ev ev, final Player player, final Purchase p) throws Rejection {
    if (player.purchases.containsKey(purchaseKey(p.store(), p.transactionId()))) {
      throw new Rejection("TRANSACTION_ALREADY_RECORDED");
    }
    final TreeMap<String, Long> currencies = times(p.currencies(), p.quantity());
    final String subscriptionKey = p.originalTransactionId() != null ? p.originalTransactionId() : p.transactionId();
    if (p.kind().equals("SUBSCRIPTION")) {
      final List<Inst> held = player.instances.values().stream()
          .filter(i -> "SUBSCRIPTION".equals(i.kind) && p.store().equals(i.store)
              && subscriptionKey.equals(i.subscriptionKey) && !i.status.equals("REVOKED"))
          .toList();
      if (!held.isEmpty()) {
        // A renewal extends what the player holds.
        for (final Inst i : held) {
          i.status = "ACTIVE";
          i.transactionId = p.transactionId();
        }
        player.purchases.put(purchaseKey(p.store(), p.transactionId()),
            new Bought(p.productId(), currencies, held.stream().map(i -> i.id).toList()));
        credit(player, currencies, 1);
        return;
      }
    }
    if (p.kind().equals("NON_CONSUMABLE")) {
      for (final Inst i : player.instances.values()) {
        if (i.ownedNonConsumable() && p.productId().equals(i.productId)) {
          throw new Rejection("ALREADY_OWNED");
        }
      }
    }
    final List<Item> items = new ArrayList<>();
    p.items().forEach(i -> items.add(new Item(i.itemId(), Math.multiplyExact(i.quantity(), p.quantity()))));
    if (items.isEmpty() && (!p.kind().equals("CONSUMABLE") || currencies.isEmpty())) {
      // A product that gives no item is held as itself.
      items.add(new Item(p.productId(), p.quantity()));
    }
    if (!p.kind().equals("CONSUMABLE")) {
      for (final Item item : items) {
        rejectIfOwned(player, item.itemId());
      }
    }
    final List<String> ids = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      final Item item = items.get(index);
      final Inst created = new Inst(instanceId(ev.eventId(), index), item.itemId(), item.quantity(), p.kind(),
          p.productId(), p.store(), p.transactionId(), p.kind().equals("SUBSCRIPTION") ? subscriptionKey : null);
      player.instances.put(created.id, created);
      ids.add(created.id);
    }
    player.purchases.put(purchaseKey(p.store(), p.transactionId()), new Bought(p.productId(), currencies, ids));
    credit(player, currencies, 1);
  }

  private static void rejectIfOwned(final Player player, final String itemId) throws Rejection {
    for (final Inst i : player.instances.values()) {
      if (i.ownedNonConsumable() && i.itemId.equals(itemId)) {
        throw new Rejection("ALREADY_OWNED");
      }
    }
  }

  private static void consume(final Player player, final Consume c) throws Rejection {
    final Inst i = player.instances.get(c.instanceId());
    // Ended instances (used up, revoked) leave the ledger's player state: the same as never held.
    if (i == null || !i.active()) {
      throw new Rejection("NOT_OWNED");
    }
    if (!i.consumable()) {
      throw new Rejection("NOT_CONSUMABLE");
    }
    if (i.quantity < c.quantity()) {
      throw new Rejection("INSUFFICIENT_QUANTITY");
    }
    final TreeMap<String, Long> credited = times(c.onConsume(), c.quantity());
    i.quantity -= c.quantity();
    if (i.quantity == 0) {
      i.status = "CONSUMED";
    }
    credited.forEach((cur, a) -> i.consumeCredits.merge(cur, a, Long::sum));
    credit(player, credited, 1);
  }

  private static void grant(final Ev ev, final Player player, final Grant g) throws Rejection {
    for (final Item item : g.items()) {
      rejectIfOwned(player, item.itemId());
    }
    for (int index = 0; index < g.items().size(); index++) {
      final Item item = g.items().get(index);
      final Inst created = new Inst(instanceId(ev.eventId(), index), item.itemId(), item.quantity(), null, null,
          null, null, null);
      player.instances.put(created.id, created);
    }
    credit(player, g.currencies(), 1);
  }

  private static void spend(final Player player, final Spend s) throws Rejection {
    if (player.balance(s.currency()) < s.amount()) {
      throw new Rejection("INSUFFICIENT_FUNDS");
    }
    player.wallet.merge(s.currency(), -s.amount(), Long::sum);
  }

  private static void revoke(final Player player, final Revoke r) throws Rejection {
    final Bought bought = player.purchases.get(purchaseKey(r.store(), r.transactionId()));
    if (bought == null) {
      throw new Rejection("NOT_OWNED");
    }
    if (bought.revoked) {
      throw new Rejection("ALREADY_REVOKED");
    }
    // Claw back what the purchase credited and what consuming its instances credited; a balance
    // may go below zero (a visible debt), never clamped.
    final TreeMap<String, Long> clawBack = new TreeMap<>(bought.credited);
    for (final String id : bought.instanceIds) {
      final Inst i = Objects.requireNonNull(player.instances.get(id));
      i.consumeCredits.forEach((cur, a) -> clawBack.merge(cur, a, Long::sum));
      // Only what the player still holds is taken back; an ended instance stays as it ended.
      if (!i.active()) {
        continue;
      }
      i.quantity = 0;
      i.status = "REVOKED";
    }
    bought.revoked = true;
    credit(player, clawBack, -1);
  }
}
