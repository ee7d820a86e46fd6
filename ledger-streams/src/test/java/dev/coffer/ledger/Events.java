package dev.coffer.ledger;

import dev.coffer.keys.DedupeKey;
import dev.coffer.registry.AvroClassTrust;
import dev.coffer.keys.PlayerKey;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds ledger events for tests: deterministic event ids from a name, fixed times. */
public final class Events {
  public static final String APP = "game1";
  public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static {
    // Building a record with an enum default asks Avro for the enum's class: trust Coffer's first.
    AvroClassTrust.install();
  }

  private Events() {
  }

  /** A deterministic event id for a test name. */
  public static UUID id(final String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  public static Grants grants(final Map<String, Long> currencies, final ItemGrant... items) {
    return new Grants(new LinkedHashMap<>(currencies), List.of(items));
  }

  /** A map that iterates in the order of {@code entries}, to show that an order does not matter. */
  @SafeVarargs
  public static Map<String, Long> inOrder(final Map.Entry<String, Long>... entries) {
    final Map<String, Long> map = new LinkedHashMap<>();
    for (final Map.Entry<String, Long> entry : entries) {
      map.put(entry.getKey(), entry.getValue());
    }
    return map;
  }

  public static ItemGrant item(final String itemId, final long quantity) {
    return new ItemGrant(itemId, quantity, true);
  }

  /** A grant of a permanent (non-consumable) catalog item. */
  public static ItemGrant permanent(final String itemId, final long quantity) {
    return new ItemGrant(itemId, quantity, false);
  }

  public static String playerKey(final String player) {
    return PlayerKey.of(APP, player);
  }

  public static String receiptKey(final Store store, final String transactionId) {
    return DedupeKey.Receipt.of(APP, store, transactionId).value();
  }

  public static String playerDedupeKey(final String player, final String idempotencyKey) {
    return new DedupeKey.Caller(APP, player, idempotencyKey).value();
  }

  /** A purchase builder with sensible defaults: test store, consumable, quantity 1. */
  public static PurchaseVerified.Builder purchase(final String transactionId, final String productId,
                                                  final ProductType type, final Grants grants) {
    return PurchaseVerified.newBuilder()
        .setStore(Store.TEST)
        .setProductId(productId)
        .setStoreProductId("sku." + productId)
        .setProductType(type)
        .setTransactionId(transactionId)
        .setPurchaseTime(T0)
        .setQuantity(1)
        .setPrice(new BigDecimal("4.990000"))
        .setCurrency("USD")
        .setCountry("DE")
        .setOs("android")
        .setGrants(grants);
  }

  public static LedgerEvent purchaseEvent(final String name, final String player, final PurchaseVerified purchase) {
    return envelope(name, player, purchase.getTransactionId(), receiptKey(purchase.getStore(),
        purchase.getTransactionId()), purchase);
  }

  public static LedgerEvent playerEvent(final String name, final String player, final String idempotencyKey,
                                        final Object payload) {
    return envelope(name, player, idempotencyKey, playerDedupeKey(player, idempotencyKey), payload);
  }

  /** A player's event under a system key ({@code app|system|player|name}), as Coffer makes for erasure. */
  public static LedgerEvent systemEvent(final String name, final String player, final String keyName,
                                        final Object payload) {
    return envelope(name, player, keyName, new DedupeKey.SystemMade(APP, player, keyName).value(), payload);
  }

  public static LedgerEvent envelope(final String name, final String player, final String idempotencyKey,
                                     final String dedupeKey, final Object payload) {
    return LedgerEvent.newBuilder()
        .setEventId(id(name))
        .setAppId(APP)
        .setPlayerRef(player)
        .setIdempotencyKey(idempotencyKey)
        .setDedupeKey(dedupeKey)
        .setOccurredAt(T0.plusSeconds(Math.abs(name.hashCode() % 1000)))
        .setRequestId("req-" + name)
        .setPayload(payload)
        .build();
  }

  public static GrantIssued grant(final Grants grants) {
    return new GrantIssued("reward", null, grants);
  }

  public static CurrencySpent spend(final String currency, final long amount) {
    return new CurrencySpent(currency, amount, "shop", null);
  }

  public static ItemConsumed consume(final String instanceId, final long quantity, final Grants onConsume) {
    return ItemConsumed.newBuilder().setInstanceId(instanceId).setQuantity(quantity).setOnConsume(onConsume).build();
  }

  public static PurchaseRevoked revoke(final String transactionId) {
    return PurchaseRevoked.newBuilder().setStore(Store.TEST).setTransactionId(transactionId)
        .setReason(RevocationReason.REFUND).setRevokedAt(T0.plusSeconds(3600)).build();
  }

  public static SubscriptionUpdated subscriptionUpdate(final String originalTransactionId,
                                                       final SubscriptionStatus status, final Instant expiresAt) {
    return SubscriptionUpdated.newBuilder().setStore(Store.TEST).setOriginalTransactionId(originalTransactionId)
        .setStatus(status).setExpiresAt(expiresAt).build();
  }

  public static PlayerErased erase() {
    return new PlayerErased("ticket-1");
  }
}
