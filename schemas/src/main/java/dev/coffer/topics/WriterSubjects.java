package dev.coffer.topics;

import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRejectedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The start-up check of a service that writes with schema auto-registration off (the default): every
 * Avro topic it writes must already have this build's schema under its value subject, put there by
 * the installer ({@code CofferSetup}) at the compatibility level the contract sets. A service built
 * with a schema the installer never registered refuses to start, naming each subject, rather than
 * failing on its first write.
 */
public final class WriterSubjects {
  private WriterSubjects() {
  }

  /**
   * Checks each topic whose registry-framed Avro values are written lookup-only (a serde that
   * registers its own schema needs nothing beforehand).
   *
   * @param written the topics the service writes
   * @throws IllegalStateException naming every subject that lacks its schema
   */
  public static void requireRegistered(final Collection<? extends Topic<?, ?>> written) {
    final List<String> missing = new ArrayList<>();
    for (final Topic<?, ?> topic : written) {
      if (topic.valueSerde() instanceof AvroSerde<?> avro && avro.lookupOnly()) {
        try {
          avro.requireRegistered(topic.name());
        } catch (final SchemaRejectedException e) {
          missing.add(e.getMessage());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("schema auto-registration is off and the registry lacks this build's "
          + "schemas; run the installer (coffer-setup) first, or set schemas.auto-register=true for a "
          + "development stack: " + String.join("; ", missing));
    }
  }
}
