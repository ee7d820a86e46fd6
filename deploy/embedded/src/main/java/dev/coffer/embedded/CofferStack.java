package dev.coffer.embedded;

import dev.coffer.registry.AvroSerdeConfig;
import dev.coffer.service.lifecycle.Closer;
import dev.coffer.service.topics.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kafka cluster and schema registry for integration tests: one broker on a random port and an
 * in-memory Apicurio Registry, plus helpers for what tests keep needing (unique topic and application
 * names, client configs, reading records back). Get the shared one per test JVM through
 * {@link CofferStackExtension}; {@link #start()} makes a private one. Both run where
 * {@link Infrastructure#configured()} says: in this JVM by default, in Docker containers with
 * {@code -Pcontainers}.
 */
public final class CofferStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CofferStack.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final KafkaCluster kafka;
  private final RegistryServer registry;
  private final Admin admin;
  private CofferSetup.Result cofferSetup;

  private CofferStack(final KafkaCluster kafka, final RegistryServer registry) {
    this.kafka = kafka;
    this.registry = registry;
    this.admin = kafka.createAdmin();
  }

  /** Starts a one-broker cluster and an in-memory registry, side by side. */
  public static CofferStack start() {
    return start(1);
  }

  /** Starts a cluster of {@code brokers} brokers and an in-memory registry, side by side. */
  public static CofferStack start(final int brokers) {
    return start(Infrastructure.configured(), brokers);
  }

  /** Starts a cluster of {@code brokers} brokers and an in-memory registry on {@code infrastructure}. */
  public static CofferStack start(final Infrastructure infrastructure, final int brokers) {
    final long started = System.nanoTime();
    // The registry is a separate JVM (or container): let it boot while the broker starts.
    final CompletableFuture<RegistryServer> registry =
        CompletableFuture.supplyAsync(() -> infrastructure.startRegistry(EmbeddedRegistry.builder()));
    final KafkaCluster kafka;
    try {
      kafka = infrastructure.startKafka(brokers);
    } catch (final RuntimeException e) {
      registry.thenAccept(RegistryServer::close);
      throw e;
    }
    try {
      final CofferStack stack = new CofferStack(kafka, registry.join());
      LOG.info("Coffer test stack ({}) ready in {} ms: kafka {}, registry {}", infrastructure.describe(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), stack.bootstrapServers(),
          stack.registryUrl());
      return stack;
    } catch (final CompletionException e) {
      try {
        kafka.close();
      } catch (final RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The cluster's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry's Confluent-compatible base URL, {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
  public String registryUrl() {
    return registry.confluentUrl();
  }

  /** The cluster. */
  public KafkaCluster kafka() {
    return kafka;
  }

  /** The registry. */
  public RegistryServer registry() {
    return registry;
  }

  /** An Admin client shared by the tests of this stack; do not close it. */
  public Admin admin() {
    return admin;
  }

  /** A name unique in this JVM and across runs: {@code prefix-N-random}. */
  public String uniqueName(final String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-"
        + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  /** A unique Streams {@code application.id} (also usable as a consumer group id). */
  public String uniqueAppId(final String prefix) {
    return uniqueName(prefix);
  }

  /** Creates a topic with a unique name starting with {@code prefix} and returns the name. */
  public String createTopic(final String prefix, final int partitions) {
    return createTopic(prefix, partitions, Map.of());
  }

  /** Creates a topic with a unique name starting with {@code prefix} and the given configs; returns the name. */
  public String createTopic(final String prefix, final int partitions, final Map<String, String> configs) {
    final String name = uniqueName(prefix);
    final NewTopic topic = new NewTopic(name, partitions, (short) Math.min(kafka.brokerCount(), 3))
        .configs(configs);
    try {
      admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating topic " + name + " failed", e);
    }
    PartitionLeaders.await(admin, List.of(name), ADMIN_TIMEOUT);
    return name;
  }

  /**
   * Applies Coffer's own topics and registry subjects ({@link CofferSetup}) once per stack; later calls
   * return the first result. Tests that write to these shared names must tell their records apart
   * (unique app ids, keys); tests that need isolation use {@link #createTopic}.
   */
  public synchronized CofferSetup.Result installCofferTopics() {
    if (cofferSetup == null) {
      cofferSetup = CofferSetup.apply(admin, registryUrl());
    }
    return cofferSetup;
  }

  /** {@code bootstrap.servers} alone, for any client. */
  public Map<String, Object> clientConfig() {
    final Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers());
    return config;
  }

  /** An idempotent producer's config with {@code acks=all}; add serializers. */
  public Map<String, Object> producerConfig() {
    final Map<String, Object> config = clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** A consumer's config reading committed records from the start, without committing; add deserializers. */
  public Map<String, Object> consumerConfig(final String groupId) {
    final Map<String, Object> config = clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  /**
   * The config of Coffer's Avro serde ({@code dev.coffer.registry.AvroSerde}) for values of
   * {@code valueType} against this registry.
   */
  public Map<String, Object> serdeConfig(final Class<?> valueType) {
    final Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.REGISTRY_URL, registryUrl());
    config.put(AvroSerdeConfig.VALUE_TYPE, valueType.getName());
    return config;
  }

  /**
   * Reads {@code topic} from the start (committed records only) until {@code count} records have come,
   * and returns them; fails naming the topic and how many came if {@code timeout} passes first.
   * The deserializers are closed afterwards.
   */
  public <K, V> List<ConsumerRecord<K, V>> consume(final String topic, final Deserializer<K> keys,
                                                   final Deserializer<V> values, final int count,
                                                   final Duration timeout) {
    final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig(uniqueName("reader")), keys, values)) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < count) {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout.toMillis() + " ms reading " + count
              + " records from " + topic + ": got " + records.size());
        }
        consumer.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(500).toNanos())))
            .forEach(records::add);
      }
    }
    return records;
  }

  /** Stops the admin client, the registry and the cluster, every one even when another fails. */
  @Override
  public void close() {
    // Closer closes last-registered first: admin, registry, then the broker they talk to.
    final IllegalStateException failure = Closer.closeAll("the Coffer test stack", List.of(kafka, registry, admin));
    if (failure != null) {
      throw failure;
    }
  }
}
