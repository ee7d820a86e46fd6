package dev.coffer.ledger.inventory;

import dev.coffer.ledger.store.CanonicalReader;
import dev.coffer.ledger.store.CanonicalWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The canonical encodings of an {@link Instance} and a {@link PurchaseRecord}, written inside the
 * fold's store values (player state, event log). Field order is the format: never reorder.
 */
public final class InventoryCodecs {
  private InventoryCodecs() {
  }

  /** Writes an instance. */
  public static void writeInstance(final CanonicalWriter out, final Instance instance) {
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
        .writeNullableString(instance.autoRenew() == null ? null : instance.autoRenew().toString())
        .writeNullableString(instance.cancelReason());
  }

  /** Reads what {@link #writeInstance} wrote. */
  public static Instance readInstance(final CanonicalReader in) {
    return new Instance(in.readString(), in.readString(), in.readLong(), InstanceStatus.valueOf(in.readString()),
        in.readBoolean(), in.readLong(), in.readString(), in.readNullableString(),
        in.readNullableEnum(ProductKind::valueOf), in.readNullableString(), in.readNullableString(),
        in.readNullableString(), in.readNullableEnum(SubscriptionState::valueOf), in.readNullableLong(),
        bool(in.readNullableString()), in.readNullableString());
  }

  private static Boolean bool(final String text) {
    return text == null ? null : Boolean.valueOf(text);
  }

  /** Writes a purchase record. */
  public static void writePurchase(final CanonicalWriter out, final PurchaseRecord purchase) {
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
    out.writeAmounts(purchase.consumeCredits())
        .writeNullableLong(purchase.expiresAt())
        .writeLong(purchase.refundedQuantity())
        .writeAmounts(purchase.consumeClawedBack())
        .writeInt(purchase.taken().size());
    for (final PurchaseRecord.Taken taken : purchase.taken()) {
      writeInstance(out, taken.before());
      out.writeLong(taken.units());
    }
  }

  /** Reads what {@link #writePurchase} wrote. */
  public static PurchaseRecord readPurchase(final CanonicalReader in) {
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
    final SortedMap<String, Long> consumeCredits = in.readAmounts();
    final Long expiresAt = in.readNullableLong();
    final long refunded = in.readLong();
    final SortedMap<String, Long> clawedBack = in.readAmounts();
    final int takenCount = in.readCount();
    final List<PurchaseRecord.Taken> taken = new ArrayList<>(takenCount);
    for (int i = 0; i < takenCount; i++) {
      taken.add(new PurchaseRecord.Taken(readInstance(in), in.readLong()));
    }
    return new PurchaseRecord(store, transactionId, productId, storeProductId, kind, quantity, eventId, currencies,
        ids, consumeCredits, expiresAt, refunded, clawedBack, taken);
  }
}
