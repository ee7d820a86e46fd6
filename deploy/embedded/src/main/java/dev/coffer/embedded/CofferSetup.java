package dev.coffer.embedded;

import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What a Coffer environment needs before any service starts: every topic of {@link CofferTopics}
 * created or aligned, and every Avro value subject registered at {@code BACKWARD_TRANSITIVE}.
 */
public final class CofferSetup {
  private CofferSetup() {
  }

  /**
   * The outcome of {@link #apply}.
   *
   * @param topics what the topic installer did
   * @param schemaIds the current schema id of each value subject, by subject
   */
  public record Result(TopicInstaller.Report topics, Map<String, Integer> schemaIds) {
    public Result {
      schemaIds = Map.copyOf(schemaIds);
    }
  }

  /** Applies {@link CofferTopics#all()} to the cluster behind {@code admin} and the registry at {@code registryUrl}. */
  public static Result apply(final Admin admin, final String registryUrl) {
    return apply(admin, registryUrl, CofferTopics.all());
  }

  /** Applies {@code specs} to the cluster behind {@code admin} and the registry at {@code registryUrl}. */
  public static Result apply(final Admin admin, final String registryUrl, final Collection<TopicSpec> specs) {
    final TopicInstaller.Report topics = new TopicInstaller(admin).apply(specs);
    try (RestSchemaRegistry registry = new RestSchemaRegistry(registryUrl)) {
      return new Result(topics, new SubjectInstaller(registry).apply(specs));
    }
  }
}
