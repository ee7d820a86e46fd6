package dev.coffer.service.directory;

import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.directory.DirectoryOp;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.service.metrics.ServiceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The asking side of {@link PlayerDirectory}: produces requests to {@code coffer.player-directory-requests}
 * and keeps each one's answer waiting, by request id, until the directory's answer completes it
 * ({@link #answered}), the send fails, or the timeout passes.
 */
final class DirectoryRequests implements AutoCloseable {
  private final String topic;
  private final Duration timeout;
  private final Clock clock;
  private final KafkaProducer<String, DirectoryRequest> producer;
  private final ConcurrentMap<String, CompletableFuture<PlayerIdentity>> waiting = new ConcurrentHashMap<>();

  DirectoryRequests(final Map<String, Object> clientConfig, final SchemaRegistry registry,
                    final PlayerDirectory.Settings settings, final Clock clock) {
    this.topic = settings.requestsTopic();
    this.timeout = settings.timeout();
    this.clock = Objects.requireNonNull(clock, "clock");
    final Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    final int timeoutMs = (int) Math.max(1000, timeout.toMillis());
    producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs - 10);
    producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-directory-requests");
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new AvroSerializer<>(registry, false));
  }

  /** A request of {@code op} for {@code lookup}, with a fresh request id, stamped now. */
  DirectoryRequest.Builder request(final String appId, final String lookup, final DirectoryOp op) {
    return DirectoryRequest.newBuilder().setAppId(appId).setLookup(lookup).setOp(op)
        .setRequestId(UUID.randomUUID().toString()).setRequestedAt(clock.instant());
  }

  /** Sends the request; completes with its answer, or fails when it cannot be sent or is not answered in time. */
  CompletableFuture<PlayerIdentity> ask(final DirectoryRequest.Builder builder) {
    final DirectoryRequest request = builder.build();
    final String requestId = request.getRequestId();
    // Registered before the send: the answer can never arrive unseen.
    final CompletableFuture<PlayerIdentity> answer = new CompletableFuture<>();
    waiting.put(requestId, answer);
    try {
      producer.send(new ProducerRecord<>(topic, DirectoryEntries.key(request.getAppId(), request.getLookup()),
          request), (metadata, error) -> {
            if (error != null) {
              answer.completeExceptionally(error);
            }
          });
    } catch (final RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((identity, error) -> waiting.remove(requestId));
  }

  /** The answer still waiting for request {@code requestId}, taken off the waiting list; null if none. */
  CompletableFuture<PlayerIdentity> answered(final String requestId) {
    return waiting.remove(requestId);
  }

  /** Requests waiting for their answer. */
  int waitingCount() {
    return waiting.size();
  }

  /** Binds the producer's Kafka metrics. */
  void bindMetrics(final ServiceMetrics metrics) {
    metrics.bind(producer);
  }

  /** Closes the producer; waiting requests fail. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the directory client closed")));
  }
}
