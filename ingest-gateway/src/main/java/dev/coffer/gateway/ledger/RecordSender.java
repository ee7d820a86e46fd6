package dev.coffer.gateway.ledger;

import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The gateway's one producer: idempotent, {@code acks=all}, writing to Coffer's typed topics (each
 * record's key and value through its topic's serdes: plain string keys, registry-framed Avro values).
 * A send completes only once the broker has the record; any failure (including one thrown before the
 * record leaves, such as a metadata or registry timeout) completes it with a
 * {@link KafkaUnavailableException}, never silently.
 */
public final class RecordSender implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param clientConfig bootstrap servers and any extra client settings
   * @param produceTimeout the longest a send may take, blocking included
   */
  public RecordSender(final Map<String, Object> clientConfig, final Duration produceTimeout) {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    final int timeoutMs = (int) produceTimeout.toMillis();
    // delivery.timeout.ms must cover linger and request timeouts; max.block.ms bounds metadata waits.
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeoutMs - 10));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "coffer-gateway");
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Binds the producer's Kafka metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    metrics.bind(producer);
  }

  /**
   * Sends a record (a {@code null} value is a tombstone).
   *
   * @param topic the topic
   * @param key the key
   * @param value the value, or null
   * @param <K> the key type
   * @param <V> the value type
   * @return the broker's acknowledgement, or a {@link KafkaUnavailableException}
   */
  public <K, V> CompletableFuture<RecordMetadata> send(final Topic<K, V> topic, final K key, final V value) {
    final CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
    try {
      // Registry failures surface here (the value serde registers or looks up its schema), as before a send.
      final byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
      final byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
      producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
        if (error != null) {
          sent.completeExceptionally(new KafkaUnavailableException("writing to " + topic.name() + " failed", error));
        } else {
          sent.complete(metadata);
        }
      });
    } catch (final RuntimeException e) {
      // Metadata timeouts, registry failures and a closed producer surface here, before any callback.
      sent.completeExceptionally(new KafkaUnavailableException("writing to " + topic.name() + " failed", e));
    }
    return sent;
  }

  /** Flushes and closes within {@code timeout}. */
  public void close(final Duration timeout) {
    producer.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
