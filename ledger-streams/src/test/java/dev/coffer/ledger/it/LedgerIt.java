package dev.coffer.ledger.it;

import dev.coffer.embedded.CofferStack;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.it.LedgerModel.Ev;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.topics.CofferTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the ledger integration tests share: topics, configs, producing events, reading results. */
final class LedgerIt {
  private static final Instant REVOKED_AT = Instant.parse("2026-01-01T00:00:00Z");

  private LedgerIt() {
  }

  /** The names of one ledger's topics. */
  record Topics(String events, String sequence, String outcomes, String walletChanges, String inventoryChanges,
                String purchaseLog, String deadLetters, String purchaseIndex) {
  }

  /** Fresh topics, unique to the calling test. */
  static Topics createTopics(final CofferStack stack, final String prefix, final int partitions) {
    final String events = stack.createTopic(prefix + "-events", partitions);
    return outputs(stack, prefix, partitions, events, stack.createTopic(prefix + "-sequence", partitions));
  }

  private static Topics outputs(final CofferStack stack, final String prefix, final int partitions,
                                final String events, final String sequence) {
    return new Topics(events, sequence, stack.createTopic(prefix + "-outcomes", partitions),
        stack.createTopic(prefix + "-wallet", partitions), stack.createTopic(prefix + "-inventory", partitions),
        stack.createTopic(prefix + "-purchase-log", partitions), stack.createTopic(prefix + "-dlq", 1),
        stack.createTopic(prefix + "-purchase-index", partitions));
  }

  /**
   * Fresh sequence and output topics for a second full application over the same events (a full
   * application under a new id re-judges every event: it must not read the first one's sequence).
   */
  static Topics otherOutputs(final CofferStack stack, final Topics topics, final String prefix) {
    return outputs(stack, prefix, 2, topics.events(), stack.createTopic(prefix + "-sequence", 2));
  }

  /** Fresh output topics for a fold-only replay of the sequence of {@code topics}. */
  static Topics replayOutputs(final CofferStack stack, final Topics topics, final String prefix) {
    return outputs(stack, prefix, 2, topics.events(), topics.sequence());
  }

  /** Coffer's topic names. */
  static Topics cofferTopics() {
    return new Topics(CofferTopics.LEDGER_EVENTS.name(), CofferTopics.LEDGER_SEQUENCE.name(),
        CofferTopics.LEDGER_OUTCOMES.name(), CofferTopics.WALLET_CHANGES.name(), CofferTopics.INVENTORY_CHANGES.name(),
        CofferTopics.PURCHASE_LOG.name(), CofferTopics.LEDGER_DEAD_LETTERS.name(), CofferTopics.PURCHASE_INDEX.name());
  }

  /** The typed topics of {@code names}, with registry-framed Avro values. */
  static Function<SchemaRegistry, LedgerTopics> ledgerTopics(final Topics names) {
    return registry -> LedgerTopics.withRegistry(registry).named(names.events(), names.sequence(), names.outcomes(),
        names.walletChanges(), names.inventoryChanges(), names.purchaseLog(), names.deadLetters(),
        names.purchaseIndex());
  }

  /** The settings of a test ledger: single-broker durability, short commits, small memory, any port. */
  static Map<String, String> settings(final CofferStack stack, final String appId, final Path stateDir) {
    final Map<String, String> m =
        LedgerConfig.singleBroker(stack.bootstrapServers(), stack.registryUrl(), appId, stateDir);
    m.put(LedgerConfig.COMMIT_INTERVAL_MS, "100");
    m.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "64MiB");
    m.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    m.put(LedgerConfig.HTTP_PORT, "0");
    m.put(LedgerConfig.SHUTDOWN_TIMEOUT, "20s");
    return m;
  }

  static LedgerConfig config(final CofferStack stack, final String appId, final Path stateDir) {
    return LedgerConfig.fromMap(settings(stack, appId, stateDir));
  }

  /** The Avro event of a test event. */
  static LedgerEvent toAvro(final Ev ev) {
    final Object payload = switch (ev.payload()) {
      case LedgerModel.Purchase p -> PurchaseVerified.newBuilder()
          .setStore(Store.valueOf(p.store())).setProductId(p.productId()).setStoreProductId("sku." + p.productId())
          .setProductType(ProductType.valueOf(p.kind())).setTransactionId(p.transactionId())
          .setOriginalTransactionId(p.originalTransactionId()).setPurchaseTime(Instant.ofEpochMilli(ev.occurredAt()))
          .setQuantity(p.quantity()).setGrants(grants(p.currencies(), p.items())).build();
      case LedgerModel.Consume c -> ItemConsumed.newBuilder().setInstanceId(c.instanceId())
          .setQuantity(c.quantity()).setOnConsume(grants(c.onConsume(), List.of())).build();
      case LedgerModel.Grant g -> GrantIssued.newBuilder().setReason(g.reason())
          .setGrants(grants(g.currencies(), g.items())).build();
      case LedgerModel.Spend s -> CurrencySpent.newBuilder().setCurrency(s.currency()).setAmount(s.amount())
          .setReason(s.reason()).build();
      case LedgerModel.Revoke r -> PurchaseRevoked.newBuilder().setStore(Store.valueOf(r.store()))
          .setTransactionId(r.transactionId()).setReason(RevocationReason.valueOf(r.reason()))
          // Part of the fact (a resubmission carries the store's time, not its own arrival time).
          .setRevokedAt(REVOKED_AT).build();
    };
    return LedgerEvent.newBuilder().setEventId(UUID.fromString(ev.eventId())).setAppId(ev.appId())
        .setPlayerRef(ev.playerRef()).setIdempotencyKey(ev.idempotencyKey()).setDedupeKey(ev.dedupeKey())
        .setOccurredAt(Instant.ofEpochMilli(ev.occurredAt())).setRequestId("req-" + ev.eventId())
        .setPayload(payload).build();
  }

  private static Grants grants(final Map<String, Long> currencies, final List<LedgerModel.Item> items) {
    return Grants.newBuilder().setCurrencies(new HashMap<>(currencies))
        .setItems(items.stream().map(i -> ItemGrant.newBuilder().setItemId(i.itemId()).setQuantity(i.quantity())
            .build()).toList()).build();
  }

  /** A producer of events keyed by dedupe key, through the registry serde (as the gateway writes them). */
  static KafkaProducer<String, LedgerEvent> producer(final CofferStack stack, final RestSchemaRegistry registry) {
    final Map<String, Object> config = stack.producerConfig();
    config.put("linger.ms", 5);
    config.put("batch.size", 256 * 1024);
    return new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(registry, false));
  }

  /** Produces every event in order (record time = occurredAt) and waits until the broker has them all. */
  static void produce(final KafkaProducer<String, LedgerEvent> producer, final String topic, final List<Ev> events) {
    final List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    for (final Ev ev : events) {
      sent.add(producer.send(new ProducerRecord<>(topic, null, ev.occurredAt(), ev.dedupeKey(), toAvro(ev))));
    }
    producer.flush();
    for (final Future<RecordMetadata> f : sent) {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted producing to " + topic, e);
      } catch (final ExecutionException | TimeoutException e) {
        throw new AssertionError("producing to " + topic + " failed", e);
      }
    }
  }

  static <V extends SpecificRecord> Deserializer<V> avro(final RestSchemaRegistry registry, final Class<V> type) {
    return new AvroDeserializer<>(registry, type, false);
  }

  /**
   * Reads every committed record of {@code topic} from the start to its end, once at least
   * {@code atLeast} records matching {@code counted} have arrived; fails naming the topic at the
   * deadline. Records beyond {@code atLeast} are returned too (a duplicate must be seen, not hidden).
   */
  static <K, V> List<ConsumerRecord<K, V>> readAll(final CofferStack stack, final String topic,
                                                   final Deserializer<K> keys, final Deserializer<V> values,
                                                   final int atLeast,
                                                   final java.util.function.Predicate<ConsumerRecord<K, V>> counted,
                                                   final Duration timeout, final boolean committedOnly) {
    return read(stack, topic, keys, values, atLeast, counted, timeout, committedOnly, true);
  }

  /** Reads committed records of {@code topic} from the start until {@code atLeast} match {@code counted}. */
  static <K, V> List<ConsumerRecord<K, V>> readSome(final CofferStack stack, final String topic,
                                                    final Deserializer<K> keys, final Deserializer<V> values,
                                                    final int atLeast,
                                                    final java.util.function.Predicate<ConsumerRecord<K, V>> counted,
                                                    final Duration timeout) {
    return read(stack, topic, keys, values, atLeast, counted, timeout, true, false);
  }

  private static <K, V> List<ConsumerRecord<K, V>> read(final CofferStack stack, final String topic,
                                                        final Deserializer<K> keys, final Deserializer<V> values,
                                                        final int atLeast,
                                                        final java.util.function.Predicate<ConsumerRecord<K, V>> counted,
                                                        final Duration timeout, final boolean committedOnly,
                                                        final boolean toEnd) {
    final Map<String, Object> config = stack.consumerConfig(stack.uniqueName("it-reader"));
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + timeout.toNanos();
      long matching = 0;
      while (true) {
        for (final ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(r);
          if (counted.test(r)) {
            matching++;
          }
        }
        if (matching >= atLeast && (!toEnd || atEnd(consumer, partitions))) {
          return records;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("timed out after " + timeout.toSeconds() + " s reading " + topic + ": "
              + matching + " of " + atLeast + " expected records came");
        }
      }
    }
  }

  private static boolean atEnd(final KafkaConsumer<?, ?> consumer, final List<TopicPartition> partitions) {
    final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
  }

  /** The latest value of every key of a compacted (changelog) topic, as raw bytes; tombstones remove keys. */
  static Map<String, byte[]> changelog(final CofferStack stack, final String topic, final Duration timeout) {
    final Map<String, byte[]> latest = new HashMap<>();
    for (final ConsumerRecord<byte[], byte[]> r : readAll(stack, topic, new ByteArrayDeserializer(),
        new ByteArrayDeserializer(), 0, x -> true, timeout, true)) {
      final String key = java.util.HexFormat.of().formatHex(r.key());
      if (r.value() == null) {
        latest.remove(key);
      } else {
        latest.put(key, r.value());
      }
    }
    return latest;
  }

  /** The changelog topics of an application, by store name. */
  static Map<String, String> changelogTopics(final CofferStack stack, final String appId) {
    try {
      final Set<String> names = stack.admin().listTopics().names().get(30, TimeUnit.SECONDS);
      final String prefix = appId + "-";
      return names.stream().filter(n -> n.startsWith(prefix) && n.endsWith("-changelog"))
          .collect(Collectors.toMap(n -> n.substring(prefix.length(), n.length() - "-changelog".length()), n -> n));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted listing topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new AssertionError("listing topics failed", e);
    }
  }

  static StringDeserializer strings() {
    return new StringDeserializer();
  }
}
