package dev.coffer.registry;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An {@link AvroSerializer} and {@link AvroDeserializer} pair for one generated Avro class, in the
 * Confluent wire format over a schema registry.
 *
 * <pre>{@code
 * Serde<LedgerEvent> events = new AvroSerde<>(registry, LedgerEvent.class, false);
 * }</pre>
 *
 * <p>Or by class name, e.g. Streams' {@code default.value.serde=dev.coffer.registry.AvroSerde} with
 * {@code coffer.registry.url} and {@code coffer.avro.value.type} (see {@link AvroSerdeConfig}).
 *
 * <p>Coffer's generated classes are trusted by Avro without any JVM flag (see
 * {@link AvroDeserializer}). Thread-safe.
 *
 * @param <T> the generated Avro class
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;
  private final Class<T> type;
  private final SchemaRegistry registry;
  private final boolean autoRegister;

  /** For Kafka to create by class name; {@link #configure} must be called before use. */
  public AvroSerde() {
    this.serializer = new AvroSerializer<>();
    this.deserializer = new AvroDeserializer<>();
    this.type = null;
    this.registry = null;
    this.autoRegister = false;
  }

  /**
   * A serde over {@code registry} that auto-registers its writer schema.
   *
   * @param type the generated class read into (and written)
   * @param isKey whether it serves record keys (subject {@code <topic>-key}) or values
   */
  public AvroSerde(final SchemaRegistry registry, final Class<T> type, final boolean isKey) {
    this(registry, type, isKey, true);
  }

  /**
   * A serde over {@code registry}.
   *
   * @param type the generated class read into (and written)
   * @param isKey whether it serves record keys (subject {@code <topic>-key}) or values
   * @param autoRegister whether the serializer registers its schema, or only looks it up
   */
  public AvroSerde(final SchemaRegistry registry, final Class<T> type, final boolean isKey,
                   final boolean autoRegister) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.type = Objects.requireNonNull(type, "type");
    this.autoRegister = autoRegister;
    this.serializer = new AvroSerializer<>(registry, isKey, autoRegister);
    this.deserializer = new AvroDeserializer<>(registry, type, isKey);
  }

  /** Whether this serde was built over a registry with auto-registration off: its writes only look schemas up. */
  public boolean lookupOnly() {
    return registry != null && !autoRegister;
  }

  /**
   * Checks that the registry already holds this build's schema for the values of {@code topic}
   * (subject {@code <topic>-value}): what a writer with auto-registration off needs, asked at start so
   * that a missing subject stops the service with its name instead of failing its first write.
   *
   * @param topic the topic written
   * @throws SchemaRejectedException if the subject lacks the schema
   * @throws RegistryUnavailableException if the registry cannot be reached within the retry bound
   * @throws IllegalStateException for a serde created by class name
   */
  public void requireRegistered(final String topic) {
    if (registry == null) {
      throw new IllegalStateException("a serde created by class name cannot be checked before configure()");
    }
    registry.lookup(topic + "-value", SpecificData.get().getSchema(type));
  }

  /** Configures both halves (see {@link AvroSerdeConfig}); ignored on a serde built with a registry. */
  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
