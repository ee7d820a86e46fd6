package dev.coffer.embedded;

import dev.coffer.registry.SchemaRegistry;
import dev.coffer.topics.TopicSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the value schema of every Avro topic in a schema registry and sets each subject's
 * compatibility to {@code BACKWARD_TRANSITIVE}, so that a later schema that older readers could not
 * read is refused. Idempotent: registering an identical schema again returns its existing id.
 */
public final class SubjectInstaller {
  /** The compatibility level Coffer's subjects run with. */
  public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

  private static final Logger LOG = LoggerFactory.getLogger(SubjectInstaller.class);

  private final SchemaRegistry registry;

  /** An installer over a registry client the caller owns. */
  public SubjectInstaller(final SchemaRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Registers the value schema of every Avro topic of {@code specs} and sets its subject's compatibility.
   *
   * @return the id of each subject's current schema, by subject
   */
  public Map<String, Integer> apply(final Collection<TopicSpec> specs) {
    final Map<String, Integer> ids = new LinkedHashMap<>();
    for (final TopicSpec spec : specs) {
      if (spec.avro()) {
        final Schema schema = SpecificData.get().getSchema(spec.valueType());
        ids.put(spec.valueSubject(), registry.register(spec.valueSubject(), schema));
        // After registering: Apicurio keeps rules only for subjects that exist. The rule was set by the
        // first start, so an evolved schema registered at a later start is checked against it.
        registry.setCompatibility(spec.valueSubject(), COMPATIBILITY);
      }
    }
    LOG.info("Registry subjects registered at {}: {}", COMPATIBILITY, ids);
    return ids;
  }
}
