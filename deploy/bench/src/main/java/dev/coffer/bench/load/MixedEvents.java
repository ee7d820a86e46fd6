package dev.coffer.bench.load;

import dev.coffer.registry.AvroClassTrust;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * A reproducible stream of Coffer {@link LedgerEvent}s for one tenant, shaped like the gateway's: the
 * same Avro values, dedupe keys as record keys ({@code appId|player|ref|key} and
 * {@code appId|receipt|google_play|txn}), over a fixed set of players.
 *
 * <p>Mix: about 40% grants (coins, sometimes potions), 30% spends (some overdraw: rejected), 15% store
 * purchases, 10% exact resubmissions (answered DUPLICATE) and 5% reuses of an idempotency key with other
 * content (rejected). Not thread-safe.
 *
 * <p>Every dedupe key is chosen to hash (Kafka's default partitioner) to its player's home partition, so
 * one player's events are totally ordered in the input log. Without that, the fold's order of one
 * player's events would depend on timing across partitions and a replay could legitimately decide an
 * overdraw differently; with it, a replay must agree outcome for outcome.
 */
public final class MixedEvents {
  private static final int HISTORY = 8;

  static {
    // Building a record with an enum default asks Avro for the enum's class: trust Coffer's first.
    AvroClassTrust.install();
  }

  private final Random random;
  private final String appId;
  private final int partitions;
  private final List<String> players = new ArrayList<>();
  private final Map<String, Integer> home = new HashMap<>();
  private final Map<String, List<LedgerEvent>> history = new HashMap<>();
  private long sequence;
  /**
   * Where the events' clock starts: an hour ago. A fixed date in the past made the broker's time-based
   * retention (7 days) delete the topics' segments, outcomes included, under a run.
   */
  private final long epoch = System.currentTimeMillis() - 3_600_000L;

  /**
   * @param seed makes the stream reproducible
   * @param appId the tenant
   * @param playerCount how many players the events spread over
   * @param partitions the partition count of the topic the events go to
   */
  public MixedEvents(final long seed, final String appId, final int playerCount, final int partitions) {
    this.random = new Random(seed);
    this.appId = appId;
    this.partitions = partitions;
    for (int i = 0; i < playerCount; i++) {
      final String ref = "bench-" + i + "-" + Long.toHexString(random.nextLong());
      players.add(ref);
      home.put(ref, partitionOf(appId + "|" + ref));
    }
  }

  /** The tenant. */
  public String appId() {
    return appId;
  }

  /** The partition Kafka's default partitioner gives a string key. */
  public int partitionOf(final String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Generates {@code count} more events. */
  public List<LedgerEvent> next(final int count) {
    final List<LedgerEvent> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next());
    }
    return out;
  }

  /** Generates the next event. */
  public LedgerEvent next() {
    final String ref = players.get(random.nextInt(players.size()));
    final List<LedgerEvent> mine = history.getOrDefault(ref, List.of());
    final int roll = random.nextInt(100);
    if (roll < 10 && !mine.isEmpty()) {
      return resubmit(mine.get(random.nextInt(mine.size())));
    }
    if (roll < 15 && !mine.isEmpty()) {
      return conflict(mine.get(random.nextInt(mine.size())));
    }
    final LedgerEvent event;
    if (roll < 55) {
      final List<ItemGrant> items = random.nextInt(3) == 0 ? List.of(new ItemGrant("potion", 2L, true)) : List.of();
      event = playerEvent(ref, GrantIssued.newBuilder().setReason("reward")
          .setGrants(new Grants(Map.of("coins", 10L + random.nextInt(190)), items)).build());
    } else if (roll < 85) {
      event = playerEvent(ref, CurrencySpent.newBuilder().setCurrency("coins").setAmount(1L + random.nextInt(150))
          .setReason("shop").build());
    } else {
      event = purchase(ref);
    }
    remember(ref, event);
    return event;
  }

  private void remember(final String ref, final LedgerEvent event) {
    final List<LedgerEvent> mine = history.computeIfAbsent(ref, r -> new ArrayList<>());
    if (mine.size() == HISTORY) {
      mine.remove(random.nextInt(HISTORY));
    }
    mine.add(event);
  }

  private LedgerEvent playerEvent(final String ref, final Object payload) {
    final String base = "op-" + (++sequence);
    for (int attempt = 0;; attempt++) {
      final String key = attempt == 0 ? base : base + "." + attempt;
      final String dedupeKey = appId + "|player|" + ref + "|" + key;
      if (partitionOf(dedupeKey) == home.get(ref)) {
        return envelope(ref, key, dedupeKey, payload);
      }
    }
  }

  private LedgerEvent purchase(final String ref) {
    final String base = "TX" + (++sequence);
    for (int attempt = 0;; attempt++) {
      final String txn = attempt == 0 ? base : base + "-" + attempt;
      final String dedupeKey = appId + "|receipt|" + Store.GOOGLE_PLAY.name().toLowerCase(Locale.ROOT) + "|" + txn;
      if (partitionOf(dedupeKey) == home.get(ref)) {
        final PurchaseVerified payload = PurchaseVerified.newBuilder().setStore(Store.GOOGLE_PLAY)
            .setProductId("gems_100").setStoreProductId("gems_100").setProductType(ProductType.CONSUMABLE)
            .setTransactionId(txn).setOrderId(txn).setPurchaseTime(Instant.ofEpochMilli(clock()))
            .setQuantity(1L).setCurrency("USD").setCountry("DE").setOs("android")
            .setGrants(new Grants(Map.of("gems", 100L), List.of())).build();
        return envelope(ref, txn, dedupeKey, payload);
      }
    }
  }

  /** The same fact sent again: a new eventId, everything else equal. */
  private LedgerEvent resubmit(final LedgerEvent original) {
    return LedgerEvent.newBuilder(original).setEventId(eventId()).setOccurredAt(Instant.ofEpochMilli(clock()))
        .setRequestId("bench-" + sequence).build();
  }

  /** An idempotency key (or receipt) reused with other content: the ledger rejects it. */
  private LedgerEvent conflict(final LedgerEvent original) {
    if (original.getPayload() instanceof PurchaseVerified) {
      // A receipt key must carry a purchase (else the ledger dead-letters it): resend it instead.
      return resubmit(original);
    }
    final Object payload = original.getPayload() instanceof CurrencySpent spend
        ? CurrencySpent.newBuilder(spend).setAmount(spend.getAmount() + 1).build()
        : CurrencySpent.newBuilder().setCurrency("coins").setAmount(1L).setReason("reuse").build();
    return LedgerEvent.newBuilder(original).setEventId(eventId()).setOccurredAt(Instant.ofEpochMilli(clock()))
        .setPayload(payload).build();
  }

  private LedgerEvent envelope(final String ref, final String idempotencyKey, final String dedupeKey,
                               final Object payload) {
    final UUID eventId = eventId();
    return LedgerEvent.newBuilder().setEventId(eventId).setAppId(appId).setPlayerRef(ref)
        .setIdempotencyKey(idempotencyKey).setDedupeKey(dedupeKey).setOccurredAt(Instant.ofEpochMilli(clock()))
        .setRequestId("bench-" + sequence).setPayload(payload).build();
  }

  private UUID eventId() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  /** A made-up, increasing clock: the fold must not depend on wall time, and the stream stays reproducible. */
  private long clock() {
    return epoch + sequence * 3;
  }
}
