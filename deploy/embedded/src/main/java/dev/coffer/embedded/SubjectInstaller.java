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
 * compatibility level from its {@link TopicSpec}: {@code FULL_TRANSITIVE} for the contract topics
 * analytics reads (a schema that older or newer readers could not read is refused), and
 * {@code BACKWARD_TRANSITIVE} for the ledger's own input. The registry-wide default is set to
 * {@code FULL_TRANSITIVE} too, so a subject a stray writer creates is not left at {@code NONE}.
 * Idempotent: registering an identical schema again returns its existing id.
 *
 * <p>This installer (the local stack, tests, the {@code coffer/setup} job of compose and Kubernetes) is
 * where schemas are registered; the services only look their schemas up unless told otherwise
 * ({@code registry.auto-register}).
 */
public final class SubjectInstaller {
  /** The registry-wide default level. */
  public static final String GLOBAL_COMPATIBILITY = TopicSpec.Compatibility.FULL_TRANSITIVE.name();

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
    registry.setGlobalCompatibility(GLOBAL_COMPATIBILITY);
    for (final TopicSpec spec : specs) {
      if (spec.avro()) {
        final Schema schema = SpecificData.get().getSchema(spec.valueType());
        ids.put(spec.valueSubject(), registry.register(spec.valueSubject(), schema));
        // After registering: Apicurio keeps rules only for subjects that exist. The rule was set by the
        // first start, so an evolved schema registered at a later start is checked against it.
        registry.setCompatibility(spec.valueSubject(), spec.compatibility().name());
      }
    }
    LOG.info("Registry subjects registered (global level {}): {}", GLOBAL_COMPATIBILITY, ids);
    return ids;
  }
}
