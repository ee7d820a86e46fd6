package dev.coffer.gateway.ledger;

import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.SchemaRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import dev.coffer.service.metrics.ServiceMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's one producer: idempotent, {@code acks=all}, plain string keys and registry-framed
 * Avro values. A send completes only once the broker has the record; any failure (including one
 * thrown before the record leaves, such as a metadata or registry timeout) completes it with a
 * {@link KafkaUnavailableException}, never silently.
 */
public final class RecordSender implements AutoCloseable {
  private final KafkaProducer<String, SpecificRecord> producer;

  /**
   * @param clientConfig bootstrap servers and any extra client settings
   * @param registry the schema registry
   * @param produceTimeout the longest a send may take, blocking included
   */
  public RecordSender(final Map<String, Object> clientConfig, final SchemaRegistry registry,
                      final Duration produceTimeout) {
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
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(registry, false));
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
   * @return the broker's acknowledgement, or a {@link KafkaUnavailableException}
   */
  public CompletableFuture<RecordMetadata> send(final String topic, final String key, final SpecificRecord value) {
    final CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
        if (error != null) {
          sent.completeExceptionally(new KafkaUnavailableException("writing to " + topic + " failed", error));
        } else {
          sent.complete(metadata);
        }
      });
    } catch (final RuntimeException e) {
      // Metadata timeouts, registry failures and a closed producer surface here, before any callback.
      sent.completeExceptionally(new KafkaUnavailableException("writing to " + topic + " failed", e));
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
