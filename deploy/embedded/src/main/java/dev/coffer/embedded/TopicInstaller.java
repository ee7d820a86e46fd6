package dev.coffer.embedded;

import dev.coffer.service.topics.PartitionLeaders;
import dev.coffer.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies topic definitions to a cluster through the Admin API, idempotently: missing topics are
 * created with their partition count and configs; on existing topics, configs that differ are set to
 * the definition's value. Partition counts are never changed (a different count would move keys to
 * other partitions and break per-player order): a difference is reported, not fixed.
 *
 * <p>Replication follows the cluster: one replica on a single broker; three replicas and
 * {@code min.insync.replicas=2} from three brokers up.
 */
public final class TopicInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(TopicInstaller.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Admin admin;

  /** An installer over an Admin client the caller owns. */
  public TopicInstaller(final Admin admin) {
    this.admin = Objects.requireNonNull(admin, "admin");
  }

  /**
   * What an {@link #apply} call did.
   *
   * @param created topics that did not exist
   * @param aligned per existing topic, the configs that were changed, with their new values
   * @param warnings differences left alone (partition counts), one sentence each
   */
  public record Report(List<String> created, Map<String, Map<String, String>> aligned, List<String> warnings) {
    public Report {
      created = List.copyOf(created);
      aligned = Map.copyOf(aligned);
      warnings = List.copyOf(warnings);
    }
  }

  /** Creates or aligns every topic of {@code specs}. */
  public Report apply(final Collection<TopicSpec> specs) {
    final int brokers = get(admin.describeCluster().nodes(), "describing the cluster").size();
    final short replication = (short) Math.min(brokers, 3);
    final Set<String> existing = get(admin.listTopics().names(), "listing topics");
    final List<String> created = new ArrayList<>();
    final List<TopicSpec> present = new ArrayList<>();
    final List<NewTopic> toCreate = new ArrayList<>();
    for (final TopicSpec spec : specs) {
      if (existing.contains(spec.name())) {
        present.add(spec);
      } else {
        toCreate.add(new NewTopic(spec.name(), spec.partitions(), replication)
            .configs(desiredConfigs(spec, replication)));
      }
    }
    if (!toCreate.isEmpty()) {
      final Map<String, KafkaFuture<Void>> results = admin.createTopics(toCreate).values();
      for (final Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        try {
          result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          created.add(result.getKey());
        } catch (final ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("creating topic " + result.getKey() + " failed", e.getCause());
          }
          // Created concurrently by another installer: align it like any existing topic.
          specs.stream().filter(s -> s.name().equals(result.getKey())).forEach(present::add);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while creating topic " + result.getKey(), e);
        } catch (final TimeoutException e) {
          throw new IllegalStateException("creating topic " + result.getKey() + " timed out", e);
        }
      }
    }
    // A producer started right after must find every new partition's leader acting (KAFKA-14359).
    PartitionLeaders.await(admin, created, TIMEOUT);
    final Map<String, Map<String, String>> aligned = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    if (!present.isEmpty()) {
      align(present, replication, aligned, warnings);
    }
    final Report report = new Report(created, aligned, warnings);
    LOG.info("Topics applied (replication {}): created {}, aligned {}, unchanged {}", replication,
        created, aligned.keySet(), specs.size() - created.size() - aligned.size());
    warnings.forEach(w -> LOG.warn("{}", w));
    return report;
  }

  private void align(final List<TopicSpec> present, final short replication,
                     final Map<String, Map<String, String>> aligned, final List<String> warnings) {
    final List<String> names = present.stream().map(TopicSpec::name).toList();
    final Map<String, TopicDescription> descriptions =
        get(admin.describeTopics(names).allTopicNames(), "describing topics " + names);
    final Map<ConfigResource, Config> configs = get(admin.describeConfigs(names.stream()
        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all(),
        "describing the configs of " + names);
    final Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (final TopicSpec spec : present) {
      final int partitions = descriptions.get(spec.name()).partitions().size();
      if (partitions != spec.partitions()) {
        warnings.add("topic " + spec.name() + " has " + partitions + " partitions, its definition "
            + spec.partitions() + "; left as is (changing it would move keys between partitions)");
      }
      final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
      final Config current = configs.get(resource);
      final Map<String, String> diff = new TreeMap<>();
      desiredConfigs(spec, replication).forEach((key, value) -> {
        final ConfigEntry entry = current.get(key);
        if (entry == null || !value.equals(entry.value())) {
          diff.put(key, value);
        }
      });
      if (!diff.isEmpty()) {
        aligned.put(spec.name(), diff);
        changes.put(resource, diff.entrySet().stream()
            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .collect(Collectors.toList()));
      }
    }
    if (!changes.isEmpty()) {
      get(admin.incrementalAlterConfigs(changes).all(), "aligning the configs of " + aligned.keySet());
    }
  }

  /** The spec's configs plus what durability the cluster size allows. */
  static Map<String, String> desiredConfigs(final TopicSpec spec, final short replication) {
    final Map<String, String> configs = new TreeMap<>(spec.configs());
    if (replication >= 3) {
      // acks=all then survives one broker down and refuses writes with two down.
      configs.putIfAbsent("min.insync.replicas", "2");
    }
    return configs;
  }

  private static <T> T get(final KafkaFuture<T> future, final String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (final ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
    } catch (final TimeoutException e) {
      throw new IllegalStateException(what + " timed out after " + TIMEOUT.toSeconds() + " s", e);
    }
  }
}
