package dev.coffer.ledger;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A typed topic descriptor: a topic's name and the serdes of its keys and values. Immutable and
 * passed in, so the same topology runs on a real registry, an in-memory one, or test serdes.
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
}
