package dev.coffer.bench.restore;

import dev.coffer.bench.ledger.GatewayShapedLog;
import dev.coffer.keys.DedupeKey;
import dev.coffer.keys.PlayerKey;
import dev.coffer.registry.AvroClassTrust;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.topics.CofferTopics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The players of a restore run and their events, with production-sized identifiers: a player ref is 43
 * characters (base64url of an HMAC-SHA256, as the gateway makes it), an idempotency key a UUID, a receipt a
 * Google order id. Player {@code i} gets one currency grant, every {@code itemEvery}-th player also a
 * permanent and a consumable item in it (so {@code player-state} holds instances), and every
 * {@code purchaseEvery}-th player one store purchase (a {@code receipts} key). Probes are events for
 * players made to live in a chosen partition, to see that partition serve.
 */
final class Population {
  static {
    // Building a record with an enum default asks Avro for the enum's class: trust Coffer's first.
    AvroClassTrust.install();
  }

  private final String appId;
  private final int players;
  private final int itemEvery;
  private final int purchaseEvery;
  private final int partitions;
  /** The population's events happened one a millisecond, ending a minute before the run. */
  private final long epoch;

  /**
   * @param appId the tenant
   * @param players how many players
   * @param itemEvery every how many players get items in their grant (0: none)
   * @param purchaseEvery every how many players make a store purchase (0: none)
   */
  Population(final String appId, final int players, final int itemEvery, final int purchaseEvery) {
    this.appId = appId;
    this.players = players;
    this.itemEvery = itemEvery;
    this.purchaseEvery = purchaseEvery;
    this.partitions = CofferTopics.LEDGER_SEQUENCE.partitions();
    this.epoch = System.currentTimeMillis() - players - 60_000L;
  }

  String appId() {
    return appId;
  }

  int players() {
    return players;
  }

  /** How many store purchases (receipt keys) the population makes. */
  int purchases() {
    return purchaseEvery <= 0 ? 0 : (players + purchaseEvery - 1) / purchaseEvery;
  }

  /** How many events the population makes: a grant per player and the purchases. */
  long events() {
    return (long) players + purchases();
  }

  /** The records of player {@code i}, where the gateway writes them: the grant, then the purchase if any. */
  List<ProducerRecord<String, SpecificRecord>> recordsOf(final int i) {
    final String ref = ref("p" + i);
    final List<ItemGrant> items = itemEvery > 0 && i % itemEvery == 0
        ? List.of(new ItemGrant("starter_sword", 1L, false), new ItemGrant("potion", 3L, true)) : List.of();
    final List<ProducerRecord<String, SpecificRecord>> out = new ArrayList<>(2);
    out.add(record(grant(ref, uuid(i, 0).toString(), Map.of("coins", 100L + i % 900), items, epoch + i)));
    if (purchaseEvery > 0 && i % purchaseEvery == 0) {
      out.add(record(purchase(ref, orderId(i), epoch + i)));
    }
    return out;
  }

  /** A later grant to an existing player: the light load kept up while an instance is killed. */
  LedgerEvent extraGrant(final long n) {
    final int i = (int) (n % players);
    return grant(ref("p" + i), uuid(i, n + 1).toString(), Map.of("coins", 1L), List.of(), System.currentTimeMillis());
  }

  /**
   * Probe events for {@code partition}: a grant and a store purchase of a fresh player whose key, and whose
   * receipt key, live in that partition, so both stages of that partition must serve for both to be answered.
   *
   * @param round tells one probing round's players from another's
   * @param partition the partition of {@code coffer.ledger-events} and {@code coffer.ledger-sequence}
   */
  List<LedgerEvent> probes(final String round, final int partition) {
    String ref;
    int attempt = 0;
    do {
      ref = ref("probe-" + round + "-" + partition + "-" + attempt++);
    } while (partitionOf(PlayerKey.of(appId, ref)) != partition);
    String order;
    attempt = 0;
    do {
      order = "GPA.PROBE-" + round + "-" + partition + "-" + attempt++;
    } while (partitionOf(DedupeKey.Receipt.of(appId, Store.GOOGLE_PLAY, order).value()) != partition);
    final long at = System.currentTimeMillis();
    return List.of(grant(ref, UUID.nameUUIDFromBytes(ref.getBytes(StandardCharsets.UTF_8)).toString(),
        Map.of("coins", 5L), List.of(), at), purchase(ref, order, at));
  }

  /** The record the gateway would write for {@code event}. */
  static ProducerRecord<String, SpecificRecord> record(final LedgerEvent event) {
    return GatewayShapedLog.record(event, CofferTopics.LEDGER_EVENTS.name(), CofferTopics.LEDGER_SEQUENCE.name());
  }

  private int partitionOf(final String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private LedgerEvent grant(final String ref, final String idempotencyKey, final Map<String, Long> currencies,
                            final List<ItemGrant> items, final long time) {
    final String dedupeKey = new DedupeKey.Caller(appId, ref, idempotencyKey).value();
    return envelope(ref, idempotencyKey, dedupeKey, time, GrantIssued.newBuilder().setReason("welcome")
        .setGrants(new Grants(currencies, items)).build());
  }

  private LedgerEvent purchase(final String ref, final String orderId, final long time) {
    final String dedupeKey = DedupeKey.Receipt.of(appId, Store.GOOGLE_PLAY, orderId).value();
    final PurchaseVerified payload = PurchaseVerified.newBuilder().setStore(Store.GOOGLE_PLAY)
        .setProductId("gems_100").setStoreProductId("com.example.gems_100").setProductType(ProductType.CONSUMABLE)
        .setTransactionId(orderId).setOrderId(orderId).setPurchaseTime(Instant.ofEpochMilli(time))
        .setQuantity(1L).setCurrency("USD").setCountry("DE").setOs("android")
        .setGrants(new Grants(Map.of("gems", 100L), List.of())).build();
    return envelope(ref, orderId, dedupeKey, time, payload);
  }

  private LedgerEvent envelope(final String ref, final String idempotencyKey, final String dedupeKey,
                               final long time, final Object payload) {
    final UUID eventId = UUID.nameUUIDFromBytes(dedupeKey.getBytes(StandardCharsets.UTF_8));
    return LedgerEvent.newBuilder().setEventId(eventId).setAppId(appId).setPlayerRef(ref)
        .setIdempotencyKey(idempotencyKey).setDedupeKey(dedupeKey).setOccurredAt(Instant.ofEpochMilli(time))
        .setRequestId("restore-" + time).setPayload(payload).build();
  }

  /** A production-shaped player ref: 43 characters of base64url, as HMAC-SHA256 gives. */
  private String ref(final String seed) {
    try {
      final byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((appId + "/" + seed).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private UUID uuid(final int player, final long n) {
    return UUID.nameUUIDFromBytes((appId + "/" + player + "/" + n).getBytes(StandardCharsets.UTF_8));
  }

  /** A Google Play order id: {@code GPA.1234-5678-9012-34567}. */
  private static String orderId(final int i) {
    return String.format(Locale.ROOT, "GPA.%04d-%04d-%04d-%05d", (i / 100_000_000) % 10_000,
        (i / 10_000) % 10_000, i % 10_000, (i * 7919) % 100_000);
  }
}
