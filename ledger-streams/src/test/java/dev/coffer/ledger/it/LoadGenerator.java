package dev.coffer.ledger.it;

import dev.coffer.ledger.it.LedgerModel.Consume;
import dev.coffer.ledger.it.LedgerModel.Ev;
import dev.coffer.ledger.it.LedgerModel.Grant;
import dev.coffer.ledger.it.LedgerModel.Inst;
import dev.coffer.ledger.it.LedgerModel.Item;
import dev.coffer.ledger.it.LedgerModel.Payload;
import dev.coffer.ledger.it.LedgerModel.Player;
import dev.coffer.ledger.it.LedgerModel.Purchase;
import dev.coffer.ledger.it.LedgerModel.Revoke;
import dev.coffer.ledger.it.LedgerModel.Spend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * Generates a reproducible mixed load for one tenant and feeds it through {@link LedgerModel} as it
 * goes (so it can aim: spend what a player has, consume what a player holds, overdraw on purpose).
 *
 * <p>Mix: about 10% exact replays (same dedupe key and content, new eventId), 5% conflicting reuse
 * (an idempotency key reused with other content, or a receipt replayed for another player), 5% rule
 * violations (overdraw, consume not owned / not consumable / too much / used up, a non-consumable
 * bought twice, revoke unknown or twice), the rest ordinary purchases of consumables,
 * non-consumables and subscriptions (and renewals), consumes, grants, spends and revocations.
 *
 * <p><b>Per-player order.</b> {@code coffer.ledger-events} is keyed by dedupe key, so one player's
 * events are spread over partitions and the order in which the fold sees them depends on timing
 * (live, the gateway's wait-for-outcome makes it causal; a test producing in bulk does not). A model
 * that predicts results needs a known per-player order, so by default the generator picks
 * idempotency keys and transaction ids whose dedupe key hashes (Kafka's default partitioner) to the
 * player's home partition, and replays a receipt for another player only among players of the same
 * partition. {@link #LoadGenerator(long, String, int, int, boolean)} can lift that restriction: each
 * player's events then span partitions, as in production, and only replay (against
 * {@code coffer.ledger-sequence}) can be compared, not the model.
 */
final class LoadGenerator {
  static final String GEMS = "GEMS";
  static final String COINS = "COINS";
  private static final String[] STORES = {"GOOGLE_PLAY", "APPLE_APP_STORE"};

  private final Random random;
  private final String appId;
  private final int partitions;
  private final boolean onePartitionPerPlayer;
  private final List<String> players = new ArrayList<>();
  private final Map<String, Integer> home = new HashMap<>();
  private final Map<Integer, List<String>> byPartition = new HashMap<>();
  private final Map<String, List<Ev>> originals = new HashMap<>();
  private final List<Ev> receipts = new ArrayList<>();
  private final LedgerModel model = new LedgerModel();
  private final List<Ev> events = new ArrayList<>();
  /**
   * Record time starts now: events stamped in the past would fall under the broker's 7-day
   * time retention on topics a test creates, and vanish (input and outputs) at its next
   * retention check, in the middle of a run.
   */
  private long clock = System.currentTimeMillis();
  private int sequence;

  LoadGenerator(final long seed, final String appId, final int playerCount, final int partitions) {
    this(seed, appId, playerCount, partitions, true);
  }

  /**
   * @param onePartitionPerPlayer whether each player's dedupe keys all hash to one partition (so
   *     the fold's order is the generation order and {@link #model()} predicts the results)
   */
  LoadGenerator(final long seed, final String appId, final int playerCount, final int partitions,
                final boolean onePartitionPerPlayer) {
    this.onePartitionPerPlayer = onePartitionPerPlayer;
    this.random = new Random(seed);
    this.appId = appId;
    this.partitions = partitions;
    for (int i = 0; i < playerCount; i++) {
      final String ref = "ref" + i + "-" + Long.toHexString(random.nextLong());
      players.add(ref);
      final int partition = partitionOf(appId + "|" + ref);
      home.put(ref, partition);
      byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(ref);
    }
  }

  /** The partition Kafka's default partitioner gives a string key. */
  int partitionOf(final String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  LedgerModel model() {
    return model;
  }

  List<Ev> events() {
    return events;
  }

  /** Generates {@code count} more events. */
  List<Ev> generate(final int count) {
    for (int n = 0; n < count; n++) {
      final String ref = players.get(random.nextInt(players.size()));
      final int roll = random.nextInt(100);
      if (roll < 10 && !originals.getOrDefault(ref, List.of()).isEmpty()) {
        replay(ref);
      } else if (roll < 15 && !originals.getOrDefault(ref, List.of()).isEmpty()) {
        conflict(ref);
      } else if (roll < 20) {
        violation(ref);
      } else {
        ordinary(ref);
      }
    }
    return events;
  }

  private void emit(final Ev ev, final boolean original) {
    model.apply(ev);
    events.add(ev);
    if (original) {
      originals.computeIfAbsent(ev.playerRef(), r -> new ArrayList<>()).add(ev);
      if (ev.receipt()) {
        receipts.add(ev);
      }
    }
  }

  private String eventId() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private long tick() {
    clock += 1 + random.nextInt(5);
    return clock;
  }

  private Player state(final String ref) {
    return model.player(appId + "|" + ref);
  }

  /** A player-scoped event whose dedupe key lands in the player's home partition. */
  private void playerEvent(final String ref, final Payload payload) {
    final String base = "op-" + (++sequence);
    for (int attempt = 0;; attempt++) {
      final String key = attempt == 0 ? base : base + "." + attempt;
      final String dedupeKey = appId + "|player|" + ref + "|" + key;
      if (!onePartitionPerPlayer || partitionOf(dedupeKey) == home.get(ref)) {
        emit(new Ev(eventId(), appId, ref, key, dedupeKey, tick(), payload), true);
        return;
      }
    }
  }

  /** A store purchase whose receipt key lands in the player's home partition. */
  private void purchase(final String ref, final String productId, final String kind, final long quantity,
                        final TreeMap<String, Long> currencies, final List<Item> items,
                        final String originalTransactionId) {
    final String store = STORES[random.nextInt(STORES.length)];
    final String base = "TX" + (++sequence);
    for (int attempt = 0;; attempt++) {
      final String txn = attempt == 0 ? base : base + "-" + attempt;
      final String dedupeKey = appId + "|receipt|" + store.toLowerCase(Locale.ROOT) + "|" + txn;
      if (!onePartitionPerPlayer || partitionOf(dedupeKey) == home.get(ref)) {
        final Purchase p = new Purchase(store, txn, originalTransactionId, productId, kind, quantity, currencies,
            items);
        emit(new Ev(eventId(), appId, ref, txn, dedupeKey, tick(), p), true);
        return;
      }
    }
  }

  private static TreeMap<String, Long> amounts(final String currency, final long amount) {
    final TreeMap<String, Long> m = new TreeMap<>();
    m.put(currency, amount);
    return m;
  }

  private void ordinary(final String ref) {
    final Player p = state(ref);
    final int roll = random.nextInt(100);
    if (roll < 15) {
      purchase(ref, "gems_100", "CONSUMABLE", 1 + random.nextInt(3), amounts(GEMS, 100), List.of(), null);
    } else if (roll < 25) {
      purchase(ref, "potion_pack", "CONSUMABLE", 1 + random.nextInt(2), new TreeMap<>(),
          List.of(new Item("potion", 3)), null);
    } else if (roll < 28 && ownedNoAds(p) == null) {
      purchase(ref, "no_ads", "NON_CONSUMABLE", 1, new TreeMap<>(), List.of(), null);
    } else if (roll < 33) {
      final Inst sub = p.instances.values().stream()
          .filter(i -> "SUBSCRIPTION".equals(i.kind) && !i.status.equals("REVOKED")).findFirst().orElse(null);
      // Half the time a renewal of a held subscription (same original transaction), else a new one.
      final String original = sub != null && random.nextBoolean() ? sub.subscriptionKey : null;
      purchase(ref, "vip_month", "SUBSCRIPTION", 1, amounts(GEMS, 50), List.of(), original);
    } else if (roll < 53) {
      final Inst potion = activePotion(p);
      if (potion == null) {
        grant(ref);
      } else {
        playerEvent(ref, new Consume(potion.id, 1 + random.nextInt((int) Math.min(potion.quantity, 3)),
            amounts(COINS, 5)));
      }
    } else if (roll < 73) {
      grant(ref);
    } else if (roll < 95) {
      final String currency = random.nextBoolean() ? GEMS : COINS;
      final long balance = p.balance(currency);
      if (balance <= 0) {
        grant(ref);
      } else {
        playerEvent(ref, new Spend(currency, 1 + random.nextInt((int) Math.min(balance, 300)), "shop"));
      }
    } else {
      final Map.Entry<String, LedgerModel.Bought> bought = p.purchases.entrySet().stream()
          .filter(e -> !e.getValue().revoked).findFirst().orElse(null);
      if (bought == null) {
        grant(ref);
      } else {
        revoke(ref, bought.getKey());
      }
    }
  }

  private void revoke(final String ref, final String purchaseKey) {
    final String[] parts = purchaseKey.split("\\|", 2);
    playerEvent(ref, new Revoke(parts[0], parts[1], random.nextBoolean() ? "REFUND" : "CHARGEBACK"));
  }

  private void grant(final String ref) {
    final TreeMap<String, Long> currencies = amounts(COINS, 10 + random.nextInt(190));
    final List<Item> items = random.nextInt(3) == 0 ? List.of(new Item("potion", 2)) : List.of();
    playerEvent(ref, new Grant("reward", currencies, items));
  }

  private static Inst ownedNoAds(final Player p) {
    return p.instances.values().stream().filter(i -> i.ownedNonConsumable() && i.itemId.equals("no_ads"))
        .findFirst().orElse(null);
  }

  private static Inst activePotion(final Player p) {
    return p.instances.values().stream().filter(i -> i.itemId.equals("potion") && i.active() && i.quantity > 0)
        .findFirst().orElse(null);
  }

  private void replay(final String ref) {
    final List<Ev> mine = originals.get(ref);
    final Ev original = mine.get(random.nextInt(mine.size()));
    emit(original.resubmitted(eventId(), tick()), false);
  }

  private void conflict(final String ref) {
    final List<String> sameHome = onePartitionPerPlayer ? byPartition.get(home.get(ref)) : players;
    final List<Ev> receiptsHere = receipts.stream().filter(r -> (!onePartitionPerPlayer
        || home.get(r.playerRef()).equals(home.get(ref))) && !r.playerRef().equals(ref)).toList();
    if (random.nextInt(3) == 0 && !receiptsHere.isEmpty() && sameHome.size() > 1) {
      // Another player's receipt, replayed for this player: a fraud signal.
      final Ev theirs = receiptsHere.get(random.nextInt(receiptsHere.size()));
      emit(new Ev(eventId(), appId, ref, theirs.idempotencyKey(), theirs.dedupeKey(), tick(), theirs.payload()),
          false);
      return;
    }
    final List<Ev> mine = originals.get(ref).stream().filter(e -> !e.receipt()).toList();
    if (mine.isEmpty()) {
      violation(ref);
      return;
    }
    final Ev original = mine.get(random.nextInt(mine.size()));
    final Payload changed = switch (original.payload()) {
      case Spend s -> new Spend(s.currency(), s.amount() + 1, s.reason());
      case Grant g -> new Grant(g.reason(), amounts(COINS, g.currencies().getOrDefault(COINS, 0L) + 7), g.items());
      case Consume c -> new Consume(c.instanceId(), c.quantity() + 1, c.onConsume());
      case Revoke r -> new Revoke(r.store(), r.transactionId(), r.reason().equals("REFUND") ? "CHARGEBACK" : "REFUND");
      case Purchase p -> throw new IllegalStateException("receipts are filtered out");
    };
    emit(new Ev(eventId(), appId, ref, original.idempotencyKey(), original.dedupeKey(), tick(), changed), false);
  }

  private void violation(final String ref) {
    final Player p = state(ref);
    final int kind = random.nextInt(8);
    final Inst noAds = ownedNoAds(p);
    final Inst potion = activePotion(p);
    final Inst usedUp = p.instances.values().stream().filter(i -> i.status.equals("CONSUMED")).findFirst()
        .orElse(null);
    final String revoked = p.purchases.entrySet().stream().filter(e -> e.getValue().revoked)
        .map(Map.Entry::getKey).findFirst().orElse(null);
    if (kind == 1 && noAds != null) {
      purchase(ref, "no_ads", "NON_CONSUMABLE", 1, new TreeMap<>(), List.of(), null);
    } else if (kind == 2 && noAds != null) {
      playerEvent(ref, new Consume(noAds.id, 1, new TreeMap<>()));
    } else if (kind == 3 && potion != null) {
      playerEvent(ref, new Consume(potion.id, potion.quantity + 1, amounts(COINS, 5)));
    } else if (kind == 4 && usedUp != null) {
      playerEvent(ref, new Consume(usedUp.id, 1, amounts(COINS, 5)));
    } else if (kind == 5) {
      playerEvent(ref, new Consume(UUID.nameUUIDFromBytes(eventId().getBytes(StandardCharsets.UTF_8)).toString(), 1,
          amounts(COINS, 5)));
    } else if (kind == 6 && revoked != null) {
      revoke(ref, revoked);
    } else if (kind == 7) {
      playerEvent(ref, new Revoke("GOOGLE_PLAY", "NO-SUCH-" + (++sequence), "REFUND"));
    } else {
      final String currency = random.nextBoolean() ? GEMS : COINS;
      playerEvent(ref, new Spend(currency, Math.max(0, p.balance(currency)) + 1 + random.nextInt(100), "overdraw"));
    }
  }
}
