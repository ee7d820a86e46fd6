package dev.coffer.registry;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in the Confluent wire format into a generated Avro class.
 *
 * <p>The header's schema id names the writer schema, fetched from the registry once per id; the body
 * is decoded with {@code SpecificDatumReader(writerSchema, readerSchema)}, so data written with an
 * older (or newer) schema is resolved against this class's schema: a field the writer lacked gets
 * its default. {@code null} bytes (a tombstone) read as {@code null}.
 *
 * <p>Failures are {@link SerializationException}s naming the topic and the reason:
 * {@link NotWireFormatException}, {@link UnknownSchemaIdException},
 * {@link RegistryUnavailableException} and {@link UndecodableRecordException}.
 *
 * <p>Avro 1.12 refuses to instantiate generated classes it does not trust; loading this class adds
 * Coffer's own packages ({@code dev.coffer.}) to Avro's global trust, so no launcher needs
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}. A reader class outside them still needs the flag,
 * and fails with a {@link SerializationException} saying so.
 *
 * <p>Build it with a registry and the reader class, or let Kafka create it by class name and
 * configure it with the keys of {@link AvroSerdeConfig} ({@code coffer.avro.value.type} or
 * {@code coffer.avro.key.type} names the class). Thread-safe.
 *
 * @param <T> the generated Avro class read into
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  static {
    AvroClassTrust.install();
  }

  private volatile Setup<T> setup;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  /** For Kafka to create by class name; {@link #configure} must be called before use. */
  public AvroDeserializer() {
  }

  /**
   * A deserializer over {@code registry} reading into {@code type}.
   *
   * @param isKey whether it reads record keys or values (only used in messages)
   */
  public AvroDeserializer(final SchemaRegistry registry, final Class<T> type, final boolean isKey) {
    this.setup = new Setup<>(Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(type, "type"), readerSchema(type), isKey);
  }

  /**
   * Reads {@link AvroSerdeConfig#REGISTRY_URL} (or {@link AvroSerdeConfig#REGISTRY_INSTANCE}) and
   * {@link AvroSerdeConfig#VALUE_TYPE} or {@link AvroSerdeConfig#KEY_TYPE}. Ignored on an instance
   * built with a registry.
   */
  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    if (setup == null) {
      final Class<T> type = AvroSerdeConfig.recordType(configs, isKey);
      setup = new Setup<>(AvroSerdeConfig.registry(configs), type, readerSchema(type), isKey);
    }
  }

  @Override
  public T deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    final Setup<T> current = setup();
    if (bytes.length < WireFormat.HEADER_SIZE) {
      throw new NotWireFormatException("topic " + topic + ": " + current.what() + " of "
          + bytes.length + " byte(s) is too short for the Confluent wire format (magic byte 0, "
          + "4-byte schema id, Avro body)" + firstByte(bytes));
    }
    if (bytes[0] != WireFormat.MAGIC_BYTE) {
      throw new NotWireFormatException("topic " + topic + ": " + current.what() + " is not in the "
          + "Confluent wire format: first byte is " + hex(bytes[0]) + ", not the magic byte 0x00 ("
          + bytes.length + " bytes)");
    }
    final int schemaId = WireFormat.schemaId(bytes);
    final SpecificDatumReader<T> reader = reader(topic, current, schemaId);
    final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
        bytes.length - WireFormat.HEADER_SIZE, null);
    final T value;
    try {
      value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new UndecodableRecordException("topic " + topic + ": " + current.what()
            + " written with schema id " + schemaId + " has bytes left after the Avro body ("
            + bytes.length + " bytes in all)", schemaId, null);
      }
    } catch (final SecurityException e) {
      throw new SerializationException("topic " + topic + ": Avro refuses to instantiate "
          + current.type().getName() + ": trust its package by starting the JVM with "
          + "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=<its package>", e);
    } catch (final IOException | AvroRuntimeException | ArrayIndexOutOfBoundsException
        | NegativeArraySizeException | ClassCastException | IllegalArgumentException e) {
      // Corrupt bytes surface as any of these, depending on where the decoder trips.
      throw new UndecodableRecordException("topic " + topic + ": cannot decode the "
          + current.what() + " written with schema id " + schemaId + " into "
          + current.type().getName() + " (" + bytes.length + " bytes): " + e, schemaId, e);
    }
    return value;
  }

  private SpecificDatumReader<T> reader(final String topic, final Setup<T> current, final int schemaId) {
    final SpecificDatumReader<T> known = readers.get(schemaId);
    if (known != null) {
      return known;
    }
    final Schema writerSchema;
    try {
      writerSchema = current.registry().schemaById(schemaId);
    } catch (final UnknownSchemaIdException e) {
      throw new UnknownSchemaIdException("topic " + topic + ": " + current.what()
          + " names schema id " + schemaId + ", which the registry does not know: " + e.getMessage(),
          schemaId, e);
    } catch (final RegistryUnavailableException e) {
      throw new RegistryUnavailableException("topic " + topic + ": cannot fetch writer schema id "
          + schemaId + ": " + e.getMessage(), e);
    }
    // The class's own model carries its logical-type conversions (decimal, timestamps).
    final SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema,
        current.readerSchema(), SpecificData.getForClass(current.type()));
    final SpecificDatumReader<T> previous = readers.putIfAbsent(schemaId, reader);
    return previous != null ? previous : reader;
  }

  private Setup<T> setup() {
    final Setup<T> current = setup;
    if (current == null) {
      throw new IllegalStateException("AvroDeserializer is not configured: build it with a "
          + "SchemaRegistry or call configure() with " + AvroSerdeConfig.REGISTRY_URL + " and "
          + AvroSerdeConfig.VALUE_TYPE + " (or " + AvroSerdeConfig.KEY_TYPE + ")");
    }
    return current;
  }

  private static Schema readerSchema(final Class<? extends SpecificRecord> type) {
    final Schema schema = SpecificData.getForClass(type).getSchema(type);
    if (schema == null || schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
    }
    return schema;
  }

  private static String firstByte(final byte[] bytes) {
    return bytes.length == 0 ? "" : ", first byte " + hex(bytes[0]);
  }

  private static String hex(final byte b) {
    return String.format(Locale.ROOT, "0x%02x", b & 0xff);
  }

  @Override
  public void close() {
    // The registry may be shared with other serdes; whoever built it closes it.
  }

  private record Setup<T>(SchemaRegistry registry, Class<T> type, Schema readerSchema, boolean isKey) {
    String what() {
      return isKey ? "key" : "value";
    }
  }
}
