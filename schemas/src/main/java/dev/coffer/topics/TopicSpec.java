package dev.coffer.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * The definition of one Coffer topic: its name, default partition count, topic-level configuration
 * and the Avro type of its values. Keys of every Coffer topic are plain UTF-8 strings (see
 * {@link CofferTopics} for why).
 *
 * @param name the topic name
 * @param partitions the partition count a new deployment creates it with
 * @param configs topic-level configuration (retention, cleanup policy)
 * @param valueType the generated Avro class of the values, or {@code null} for a topic of raw bytes
 *     (the dead-letter topic keeps the bytes exactly as they arrived)
 * @param compatibility what the registry enforces on a new value schema of the topic
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs,
                        Class<? extends SpecificRecord> valueType, Compatibility compatibility) {
  /**
   * The registry's compatibility level of a topic's value subject (Confluent's names).
   */
  public enum Compatibility {
    /**
     * New readers read everything written before: for topics only Coffer reads, upgraded readers first
     * (the ledger's input, where a new event kind is a new union branch older readers cannot read).
     */
    BACKWARD_TRANSITIVE,
    /**
     * Both ways, against every earlier version: for contract topics other teams read (analytics), whose
     * readers may still run an older schema when a writer upgrades: a field may be added or removed
     * only with a default.
     */
    FULL_TRANSITIVE
  }

  /** A topic of raw bytes (no registry subject). */
  public TopicSpec(final String name, final int partitions, final Map<String, String> configs) {
    this(name, partitions, configs, null, null);
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (valueType != null) {
      Objects.requireNonNull(compatibility, "compatibility of topic " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
    }
    configs = Map.copyOf(configs);
  }

  /** This definition under another name (tests and benchmarks that own their copies of Coffer's topics). */
  public TopicSpec named(final String newName) {
    return new TopicSpec(newName, partitions, configs, valueType, compatibility);
  }

  /** This definition with another partition count. */
  public TopicSpec withPartitions(final int count) {
    return new TopicSpec(name, count, configs, valueType, compatibility);
  }

  /** Whether values are registry-framed Avro (every topic but the dead-letter one). */
  public boolean avro() {
    return valueType != null;
  }

  /** The registry subject of this topic's values, {@code <topic>-value}. */
  public String valueSubject() {
    return name + "-value";
  }

  /** Whether the topic is compacted (a table of latest values per key). */
  public boolean compacted() {
    return "compact".equals(configs.get("cleanup.policy"));
  }
}
