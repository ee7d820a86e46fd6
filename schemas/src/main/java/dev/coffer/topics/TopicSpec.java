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
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs,
                        Class<? extends SpecificRecord> valueType) {
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
    }
    configs = Map.copyOf(configs);
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
