package dev.coffer.ledger.dedupe;

import dev.coffer.schemas.AvroBytes;
import dev.coffer.ledger.format.EventTypes;
import dev.coffer.ledger.store.CanonicalWriter;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseVerified;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * The content fingerprint of an event: what makes a replay "the same" for dedupe. SHA-256 over a
 * canonical encoding, hex.
 *
 * <ul>
 *   <li>{@code PurchaseVerified}: the receipt's identity only (playerRef, store, transactionId,
 *       productId). Not the catalog-resolved grants (a catalog edit between a client's retries must
 *       not turn a retry into a conflict) and not the client-supplied log fields (price, country...).
 *   <li>Every other event: the payload's full content plus appId and playerRef. Walked through the
 *       Avro schema by field name; maps sorted by key (so map order never matters); union branches by
 *       type name; fields equal to their schema default left out, so adding a field with a default
 *       later does not change the fingerprint of a retry of an older event.
 *   <li>Never eventId, occurredAt, requestId, idempotencyKey or the migration flag: they differ
 *       between retries of the same fact.
 * </ul>
 */
public final class Fingerprints {
  private static final int FORMAT = 1;
  /**
   * Resolves union branches of values the generated classes hold as logical types (an optional
   * {@code Instant} or {@code BigDecimal}); the plain generic model knows no conversions and would
   * fail on them.
   */
  private static final GenericData MODEL = logicalTypeModel();
  /**
   * Each record schema's fields in name order with their defaults' encodings, worked out once per schema (the
   * generated classes' schemas: a fixed set): sorting the fields and encoding the defaults for every event took
   * about a third of a fingerprint's time (JFR, deploy/bench).
   */
  private static final Map<Schema, List<FieldPlan>> PLANS = new ConcurrentHashMap<>();
  // MessageDigest is not thread-safe; getInstance looks the provider up on every call.
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  });

  /** A record field and the canonical encoding of its default, or null if it has none. */
  private record FieldPlan(Schema.Field field, byte[] defaultEncoding) {
  }

  private Fingerprints() {
  }

  /**
   * The fingerprint of a well-formed event.
   *
   * @param event the event
   * @return hex SHA-256
   */
  public static String of(final LedgerEvent event) {
    final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT)
        .writeString(EventTypes.of(event).name())
        .writeString(event.getAppId())
        .writeString(event.getPlayerRef());
    if (event.getPayload() instanceof PurchaseVerified purchase) {
      out.writeString(purchase.getStore().name())
          .writeString(purchase.getTransactionId())
          .writeString(purchase.getProductId());
    } else {
      final IndexedRecord payload = (IndexedRecord) event.getPayload();
      writeValue(out, payload.getSchema(), payload);
    }
    return HexFormat.of().formatHex(sha256(out.toByteArray()));
  }

  private static GenericData logicalTypeModel() {
    final GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    return model;
  }

  private static void writeValue(final CanonicalWriter out, final Schema schema, final Object value) {
    switch (schema.getType()) {
      case RECORD -> {
        final IndexedRecord record = (IndexedRecord) value;
        for (final FieldPlan plan : plan(schema)) {
          final Schema.Field field = plan.field();
          final Object fieldValue = record.get(field.pos());
          if (plan.defaultEncoding() == null) {
            out.writeByte('F').writeString(field.name());
            writeValue(out, field.schema(), fieldValue);
          } else {
            // Encoded once: compared with the default's encoding, and written as it is unless they are equal.
            final byte[] encoded = encode(field.schema(), fieldValue);
            if (!Arrays.equals(encoded, plan.defaultEncoding())) {
              out.writeByte('F').writeString(field.name()).append(encoded);
            }
          }
        }
        out.writeByte('E');
      }
      case MAP -> {
        final TreeMap<String, Object> sorted = new TreeMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), v));
        out.writeInt(sorted.size());
        sorted.forEach((k, v) -> {
          out.writeString(k);
          writeValue(out, schema.getValueType(), v);
        });
      }
      case ARRAY -> {
        final Collection<?> items = (Collection<?>) value;
        out.writeInt(items.size());
        items.forEach(item -> writeValue(out, schema.getElementType(), item));
      }
      case UNION -> {
        final Schema branch = schema.getTypes().get(MODEL.resolveUnion(schema, value));
        out.writeString(branch.getFullName());
        writeValue(out, branch, value);
      }
      case ENUM -> out.writeString(value instanceof GenericEnumSymbol<?> symbol ? symbol.toString()
          : ((Enum<?>) value).name());
      case STRING -> out.writeString(value.toString());
      case BYTES -> writeBytes(out, value);
      case FIXED -> out.writeBytes(((GenericFixed) value).bytes());
      case LONG -> out.writeLong(value instanceof Instant instant ? instant.toEpochMilli() : ((Number) value)
          .longValue());
      case INT -> out.writeLong(((Number) value).intValue());
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case DOUBLE, FLOAT -> out.writeString(value.toString());
      case NULL -> out.writeByte('N');
    }
  }

  private static void writeBytes(final CanonicalWriter out, final Object value) {
    if (value instanceof BigDecimal decimal) {
      // Numerically equal decimals fingerprint alike, whatever their scale.
      out.writeString(decimal.stripTrailingZeros().toPlainString());
    } else {
      out.writeBytes(AvroBytes.copyOf((ByteBuffer) value));
    }
  }

  private static List<FieldPlan> plan(final Schema schema) {
    final List<FieldPlan> known = PLANS.get(schema);
    if (known != null) {
      return known;
    }
    // Not computeIfAbsent: encoding a record-valued default plans its schema, a nested update of the map.
    final List<FieldPlan> plan = schema.getFields().stream().sorted(Comparator.comparing(Schema.Field::name))
        .map(f -> new FieldPlan(f, f.hasDefaultValue() ? encode(f.schema(), GenericData.get().getDefaultValue(f))
            : null))
        .toList();
    final List<FieldPlan> raced = PLANS.putIfAbsent(schema, plan);
    return raced == null ? plan : raced;
  }

  private static byte[] encode(final Schema schema, final Object value) {
    final CanonicalWriter out = new CanonicalWriter();
    writeValue(out, schema, value);
    return out.toByteArray();
  }

  private static byte[] sha256(final byte[] bytes) {
    return SHA_256.get().digest(bytes);
  }
}
