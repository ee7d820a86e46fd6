package dev.coffer.registry;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible schema registry the serde needs: register a schema under a
 * subject, look a schema up by id, and set a subject's compatibility level.
 *
 * <p>Implementations are thread-safe and cache what they learn: the registry never changes the
 * schema behind an id, and registering the same schema under the same subject again returns the
 * same id.
 */
public interface SchemaRegistry {

  /**
   * Registers {@code schema} under {@code subject}, or finds it if it is already there.
   *
   * @return the registry's id of the schema, the id written into every framed record
   * @throws SchemaRejectedException if the registry refuses the schema (for example it is
   *     incompatible with the subject's earlier versions)
   * @throws RegistryUnavailableException if the registry cannot be reached within the retry bound
   */
  int register(String subject, Schema schema);

  /**
   * Finds the id of {@code schema} under {@code subject} without registering it, for producers that
   * must only write schemas someone has already registered.
   *
   * @return the registry's id of the schema
   * @throws SchemaRejectedException if the schema is not registered under the subject
   * @throws RegistryUnavailableException if the registry cannot be reached within the retry bound
   */
  int lookup(String subject, Schema schema);

  /**
   * The schema with the given id.
   *
   * @throws UnknownSchemaIdException if the registry has no schema with that id
   * @throws RegistryUnavailableException if the registry cannot be reached within the retry bound
   */
  Schema schemaById(int id);

  /**
   * Sets the compatibility level the registry enforces when a new version is registered under
   * {@code subject}.
   *
   * @param level a Confluent compatibility level: {@code NONE}, {@code BACKWARD}, {@code FORWARD},
   *     {@code FULL}, or one of those with {@code _TRANSITIVE} (Coffer uses
   *     {@code BACKWARD_TRANSITIVE})
   * @throws RegistryUnavailableException if the registry cannot be reached within the retry bound
   */
  void setCompatibility(String subject, String level);

  /**
   * Sets the registry-wide default compatibility level, which applies to every subject without a level
   * of its own (a subject a stray writer creates).
   *
   * @param level a Confluent compatibility level
   * @throws RegistryUnavailableException if the registry cannot be reached within the retry bound
   */
  void setGlobalCompatibility(String level);
}
