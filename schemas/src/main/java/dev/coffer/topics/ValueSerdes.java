package dev.coffer.topics;

import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRegistry;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the value serde of one Avro type: registry-framed in services, anything a test likes in tests. */
@FunctionalInterface
public interface ValueSerdes {
  /**
   * The value serde of {@code type}.
   *
   * @param type the generated Avro class
   * @param <T> the Avro type
   * @return a serde of values (not keys) of that type
   */
  <T extends SpecificRecord> Serde<T> forType(Class<T> type);

  /**
   * Registry-framed Avro values ({@link AvroSerde}).
   *
   * @param registry the schema registry
   * @param autoRegister whether writers register their schema, or only look it up (a service that only
   *     reads, or whose subjects are installed beforehand)
   * @return the serdes
   */
  static ValueSerdes registry(final SchemaRegistry registry, final boolean autoRegister) {
    Objects.requireNonNull(registry, "registry");
    return new ValueSerdes() {
      @Override
      public <T extends SpecificRecord> Serde<T> forType(final Class<T> type) {
        return new AvroSerde<>(registry, type, false, autoRegister);
      }
    };
  }
}
