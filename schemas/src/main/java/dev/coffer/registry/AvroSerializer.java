package dev.coffer.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format: magic byte {@code 0}, the writer
 * schema's 4-byte big-endian registry id, then the Avro binary body; byte for byte what Confluent's
 * {@code KafkaAvroSerializer} writes.
 *
 * <p>The writer schema is the record's own ({@code getClassSchema()}); it is registered (or, with
 * auto-registration off, looked up) under {@code <topic>-value} or {@code <topic>-key} on first use
 * and its id cached. A {@code null} record is written as {@code null} bytes (a tombstone).
 *
 * <p>Build it with a registry, or let Kafka create it by class name and configure it with the keys
 * of {@link AvroSerdeConfig}. Decimal fields such as {@code price} are {@link java.math.BigDecimal}
 * of scale 6: a value with more decimal places than the schema's scale fails with a
 * {@link SerializationException}; round with {@code setScale(6, ...)} before writing. Thread-safe.
 *
 * @param <T> the generated Avro class written
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  static {
    AvroClassTrust.install();
  }

  private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

  private volatile Setup setup;
  private final Map<TopicSchema, Writer> writers = new ConcurrentHashMap<>();

  /** For Kafka to create by class name; {@link #configure} must be called before use. */
  public AvroSerializer() {
  }

  /** A serializer that registers its writer schema in {@code registry}. */
  public AvroSerializer(final SchemaRegistry registry, final boolean isKey) {
    this(registry, isKey, true);
  }

  /**
   * A serializer over {@code registry}.
   *
   * @param isKey whether it writes record keys (subject {@code <topic>-key}) or values
   * @param autoRegister whether to register the writer schema, or only look it up
   */
  public AvroSerializer(final SchemaRegistry registry, final boolean isKey, final boolean autoRegister) {
    this.setup = new Setup(Objects.requireNonNull(registry, "registry"), isKey, autoRegister);
  }

  /**
   * Reads {@link AvroSerdeConfig#REGISTRY_URL} (or {@link AvroSerdeConfig#REGISTRY_INSTANCE}) and
   * {@link AvroSerdeConfig#AUTO_REGISTER}. Ignored on an instance built with a registry.
   */
  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    if (setup == null) {
      setup = new Setup(AvroSerdeConfig.registry(configs), isKey,
          AvroSerdeConfig.autoRegister(configs));
    }
  }

  @Override
  public byte[] serialize(final String topic, final T record) {
    if (record == null) {
      return null;
    }
    final Setup current = setup();
    final Writer writer = writer(topic, current, record);
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    WireFormat.writeHeader(out, writer.schemaId());
    // Buffered, and one per thread re-aimed at each output: a direct encoder wrote every field into the
    // output stream on its own, each write taking the stream's lock. A write that failed half-way leaves bytes
    // in the buffer; re-aiming flushes them into that failed call's output, which nobody reads.
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
    ENCODERS.set(encoder);
    try {
      writer.datumWriter().write(record, encoder);
      encoder.flush();
    } catch (final IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
      throw new SerializationException("topic " + topic + ": cannot encode "
          + record.getSchema().getFullName() + " with writer schema id " + writer.schemaId() + ": "
          + e.getMessage() + hint(e), e);
    }
    return out.toByteArray();
  }

  private Writer writer(final String topic, final Setup current, final T record) {
    final Schema schema = record.getSchema();
    // Per topic, not per schema: Streams writes one serde to several topics (changelogs,
    // repartitions), and each topic's subject needs the schema registered.
    final TopicSchema key = new TopicSchema(topic, schema);
    final Writer known = writers.get(key);
    if (known != null) {
      return known;
    }
    if (topic == null) {
      throw new SerializationException("cannot serialize " + schema.getFullName()
          + " without a topic: the registry subject is <topic>-" + current.suffix());
    }
    final String subject = topic + "-" + current.suffix();
    final int id;
    try {
      id = current.autoRegister()
          ? current.registry().register(subject, schema)
          : current.registry().lookup(subject, schema);
    } catch (final RegistryUnavailableException e) {
      throw new RegistryUnavailableException("topic " + topic + ": " + e.getMessage(), e);
    } catch (final SchemaRejectedException e) {
      throw new SchemaRejectedException("topic " + topic + ": " + e.getMessage(), e);
    }
    // getForClass: the class's own model, with its logical-type conversions (decimal, timestamps).
    final Writer writer = new Writer(id,
        new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass())));
    final Writer previous = writers.putIfAbsent(key, writer);
    return previous != null ? previous : writer;
  }

  private Setup setup() {
    final Setup current = setup;
    if (current == null) {
      throw new IllegalStateException("AvroSerializer is not configured: build it with a "
          + "SchemaRegistry or call configure() with " + AvroSerdeConfig.REGISTRY_URL);
    }
    return current;
  }

  private static String hint(final Exception e) {
    final String message = String.valueOf(e.getMessage());
    if (message.contains("decimal")) {
      return " (decimal fields such as price are written at the schema's scale, 6: "
          + "round with setScale(6, RoundingMode...) before writing)";
    }
    if (e instanceof NullPointerException) {
      return " (a field that is not optional in the schema is null)";
    }
    return "";
  }

  @Override
  public void close() {
    // The registry may be shared with other serdes; whoever built it closes it.
  }

  private record Setup(SchemaRegistry registry, boolean isKey, boolean autoRegister) {
    String suffix() {
      return isKey ? "key" : "value";
    }
  }

  private record TopicSchema(String topic, Schema schema) {
  }

  private record Writer(int schemaId, SpecificDatumWriter<SpecificRecord> datumWriter) {
  }
}
