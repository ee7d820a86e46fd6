package dev.coffer.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * What a {@link RestSchemaRegistry} has learnt from its registry, kept for the life of the client:
 * ids by subject and schema, schemas by id. Ids never change meaning in a registry, so nothing is
 * evicted. Thread-safe; the first answer for a key wins.
 */
final class SchemaIdCache {
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /** The id of {@code schemaJson} under {@code subject}, or {@code null} if not known yet. */
  Integer id(final String subject, final String schemaJson) {
    return idsBySubjectSchema.get(new SubjectSchema(subject, schemaJson));
  }

  /** Remembers the id the registry gave {@code schema} (whose text is {@code schemaJson}). */
  void rememberId(final String subject, final String schemaJson, final int id, final Schema schema) {
    idsBySubjectSchema.putIfAbsent(new SubjectSchema(subject, schemaJson), id);
    // The registry just confirmed this id is this schema: save a fetch when reading it back.
    schemasById.putIfAbsent(id, schema);
  }

  /** The schema with {@code id}, or {@code null} if not known yet. */
  Schema schema(final int id) {
    return schemasById.get(id);
  }

  /** Remembers the schema fetched for {@code id}; returns the one kept, which callers should use. */
  Schema rememberSchema(final int id, final Schema schema) {
    final Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  private record SubjectSchema(String subject, String schemaJson) {
  }
}
