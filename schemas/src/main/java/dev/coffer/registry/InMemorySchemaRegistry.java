package dev.coffer.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * A {@link SchemaRegistry} in memory, <strong>for tests only</strong>: unit tests of the serde and
 * {@code TopologyTestDriver} tests in other modules, where no registry server runs. It lives in
 * {@code src/main} so those modules can use it; production code uses {@link RestSchemaRegistry}.
 *
 * <p>It behaves like a Confluent registry where it matters to a serde: ids are global and start at
 * 1, the same schema text gets the same id under any subject, and registering checks the subject's
 * compatibility level ({@code NONE} unless set, like Apicurio without rules) with Avro's
 * {@link SchemaCompatibility}, throwing {@link SchemaRejectedException} as a registry's {@code 409}
 * would. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
  private final Map<String, String> compatibilityBySubject = new HashMap<>();

  /** An empty registry. */
  public InMemorySchemaRegistry() {
  }

  @Override
  public synchronized int register(final String subject, final Schema schema) {
    Objects.requireNonNull(subject, "subject");
    final String text = Objects.requireNonNull(schema, "schema").toString();
    final List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    final Integer known = idsBySchemaText.get(text);
    if (known != null && versions.contains(known)) {
      return known;
    }
    checkCompatible(subject, schema, versions);
    final int id = known != null ? known : schemasById.size() + 1;
    idsBySchemaText.put(text, id);
    schemasById.putIfAbsent(id, schema);
    versions.add(id);
    return id;
  }

  @Override
  public synchronized int lookup(final String subject, final Schema schema) {
    Objects.requireNonNull(subject, "subject");
    final Integer id = idsBySchemaText.get(Objects.requireNonNull(schema, "schema").toString());
    if (id == null || !versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
      throw new SchemaRejectedException("schema " + schema.getFullName()
          + " is not registered under subject " + subject + " (in-memory registry)");
    }
    return id;
  }

  @Override
  public synchronized Schema schemaById(final int id) {
    final Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new UnknownSchemaIdException("in-memory schema registry has no schema with id " + id, id);
    }
    return schema;
  }

  @Override
  public synchronized void setGlobalCompatibility(final String level) {
    setCompatibility("", level);
  }

  @Override
  public synchronized void setCompatibility(final String subject, final String level) {
    Objects.requireNonNull(subject, "subject");
    final String normalized = Objects.requireNonNull(level, "level").toUpperCase(Locale.ROOT);
    if (!Set.of("NONE", "BACKWARD", "FORWARD", "FULL", "BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE",
        "FULL_TRANSITIVE").contains(normalized)) {
      throw new IllegalArgumentException("unknown compatibility level " + level);
    }
    compatibilityBySubject.put(subject, normalized);
  }

  /** The compatibility level of {@code subject}: {@code NONE} unless set. */
  public synchronized String compatibility(final String subject) {
    return compatibilityBySubject.getOrDefault(subject, "NONE");
  }

  /** The subjects with at least one registered schema, in the order they were first used. */
  public synchronized List<String> subjects() {
    return versionsBySubject.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
  }

  /** The schemas registered under {@code subject}, oldest first (empty if none). */
  public synchronized List<Schema> versions(final String subject) {
    return versionsBySubject.getOrDefault(subject, List.of()).stream().map(schemasById::get).toList();
  }

  private void checkCompatible(final String subject, final Schema candidate, final List<Integer> versions) {
    final String level = compatibility(subject);
    if ("NONE".equals(level) || versions.isEmpty()) {
      return;
    }
    final List<Integer> against = level.endsWith("_TRANSITIVE")
        ? versions : List.of(versions.get(versions.size() - 1));
    final boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
    final boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
    final List<String> problems = new ArrayList<>();
    for (final int id : against) {
      final Schema existing = schemasById.get(id);
      if (backward) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing),
            "new schema cannot read data written with id " + id, problems);
      }
      if (forward) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate),
            "schema id " + id + " cannot read data written with the new schema", problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new SchemaRejectedException("schema " + candidate.getFullName() + " is incompatible with "
          + "subject " + subject + " under " + level + " (in-memory registry): "
          + String.join("; ", problems));
    }
  }

  private static void describe(final SchemaPairCompatibility result, final String what,
                               final List<String> problems) {
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add(what + ": " + result.getResult().getIncompatibilities());
    }
  }
}
