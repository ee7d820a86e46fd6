package dev.coffer.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A typed topic descriptor: a topic's name and the serdes of its keys and values. Immutable and
 * passed in, so the same code runs on a real registry, an in-memory one, or test serdes. Coffer's own
 * come from {@link TypedTopics}.
 *
 * @param name the topic name
 * @param keySerde the key serde
 * @param valueSerde the value serde
 * @param <K> the key type
 * @param <V> the value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /**
   * The same serdes on another topic (a test's or a replay's copy of a Coffer topic).
   *
   * @param otherName the other topic's name
   * @return the descriptor of that topic
   */
  public Topic<K, V> named(final String otherName) {
    return new Topic<>(otherName, keySerde, valueSerde);
  }
}
