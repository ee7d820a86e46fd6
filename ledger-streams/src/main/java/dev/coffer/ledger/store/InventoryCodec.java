package dev.coffer.ledger.store;

import dev.coffer.ledger.inventory.Instance;
import dev.coffer.ledger.inventory.InstanceStatus;
import dev.coffer.ledger.inventory.Inventory;
import dev.coffer.ledger.inventory.ProductKind;
import dev.coffer.ledger.inventory.PurchaseRecord;
import dev.coffer.ledger.inventory.SubscriptionState;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical encoding of an {@link Inventory}: format byte, instances sorted by id, purchases
 * sorted by {@code store|transactionId}.
 */
public final class InventoryCodec extends StoreCodec<Inventory> {
  private static final int FORMAT = 1;

  @Override
  public byte[] encode(final Inventory value) {
    final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT);
    out.writeInt(value.instances().size());
    value.instances().values().forEach(instance -> writeInstance(out, instance));
    out.writeInt(value.purchases().size());
    value.purchases().values().forEach(purchase -> writePurchase(out, purchase));
    return out.toByteArray();
  }

  @Override
  public Inventory decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    Formats.expect(in, FORMAT, "inventory");
    final TreeMap<String, Instance> instances = new TreeMap<>();
    final int instanceCount = in.readCount();
    for (int i = 0; i < instanceCount; i++) {
      final Instance instance = readInstance(in);
      instances.put(instance.instanceId(), instance);
    }
    final TreeMap<String, PurchaseRecord> purchases = new TreeMap<>();
    final int purchaseCount = in.readCount();
    for (int i = 0; i < purchaseCount; i++) {
      final PurchaseRecord purchase = readPurchase(in);
      purchases.put(purchase.key(), purchase);
    }
    in.expectEnd();
    return Inventory.of(instances, purchases);
  }

  static void writeInstance(final CanonicalWriter out, final Instance instance) {
    out.writeString(instance.instanceId())
        .writeString(instance.itemId())
        .writeLong(instance.quantity())
        .writeString(instance.status().name())
        .writeBoolean(instance.consumable())
        .writeLong(instance.acquiredAt())
        .writeString(instance.sourceEventId())
        .writeNullableString(instance.productId())
        .writeNullableEnum(instance.productKind())
        .writeNullableString(instance.store())
        .writeNullableString(instance.transactionId())
        .writeNullableString(instance.originalTransactionId())
        .writeNullableEnum(instance.subscriptionState())
        .writeNullableLong(instance.expiresAt())
        .writeAmounts(instance.consumeCredits());
  }

  static Instance readInstance(final CanonicalReader in) {
    return new Instance(in.readString(), in.readString(), in.readLong(), InstanceStatus.valueOf(in.readString()),
        in.readBoolean(), in.readLong(), in.readString(), in.readNullableString(),
        in.readNullableEnum(ProductKind::valueOf), in.readNullableString(), in.readNullableString(),
        in.readNullableString(), in.readNullableEnum(SubscriptionState::valueOf), in.readNullableLong(),
        in.readAmounts());
  }

  private static void writePurchase(final CanonicalWriter out, final PurchaseRecord purchase) {
    out.writeString(purchase.store())
        .writeString(purchase.transactionId())
        .writeNullableString(purchase.productId())
        .writeNullableString(purchase.storeProductId())
        .writeString(purchase.kind().name())
        .writeLong(purchase.quantity())
        .writeNullableString(purchase.eventId())
        .writeAmounts(purchase.currencies())
        .writeInt(purchase.instanceIds().size());
    purchase.instanceIds().forEach(out::writeString);
    out.writeNullableLong(purchase.expiresAt()).writeBoolean(purchase.revoked());
  }

  private static PurchaseRecord readPurchase(final CanonicalReader in) {
    final String store = in.readString();
    final String transactionId = in.readString();
    final String productId = in.readNullableString();
    final String storeProductId = in.readNullableString();
    final ProductKind kind = ProductKind.valueOf(in.readString());
    final long quantity = in.readLong();
    final String eventId = in.readNullableString();
    final SortedMap<String, Long> currencies = in.readAmounts();
    final int idCount = in.readCount();
    final List<String> ids = new ArrayList<>(idCount);
    for (int i = 0; i < idCount; i++) {
      ids.add(in.readString());
    }
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId, currencies,
        ids, in.readNullableLong(), in.readBoolean());
  }
}
