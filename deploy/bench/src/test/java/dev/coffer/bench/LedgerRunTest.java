package dev.coffer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.bench.ledger.AppendCount;
import dev.coffer.embedded.CofferStack;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.service.topics.PartitionLeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's ledger run on a small gateway-shaped log: every event gets its outcome, and the appends
 * are counted. Correctness of the measurement, never its speed.
 */
@Tag("integration")
@Timeout(300)
class LedgerRunTest {
  // A broker of its own: after the fault run's SIGKILLs on the suite's shared broker, this test's producer
  // stalled there in two CI runs (NOT_LEADER_OR_FOLLOWER, then no answer for 120 s).
  private static CofferStack stack;

  @BeforeAll
  static void start() {
    stack = CofferStack.start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyEventOfTheGatewayShapedLogGetsAnOutcomeAndTheAppendsAreCounted(@TempDir final Path work) {
    final Report report = new Report();
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
      final LedgerRun.Result result = new LedgerRun(stack, registry, 100, 6, work, Map.of())
          .run(StreamsConfig.EXACTLY_ONCE_V2, 200, 1_800, report);
      assertThat(result.perSecond()).isPositive();
      // At least an outcome per event besides its input; at most what the row's own count says.
      assertThat(result.outputsPerEvent()).isGreaterThanOrEqualTo(1.0).isLessThan(10.0);
    }
    final String table = report.render();
    assertThat(table).contains("records appended per decided event");
    // The stream thread's CPU was found by its name and read: a thread the reading missed would show 0.0 us.
    final java.util.regex.Matcher cpu = java.util.regex.Pattern
        .compile("\\| ledger stream thread's CPU per event, exactly_once_v2 \\| ([0-9.]+) us").matcher(table);
    assertThat(cpu.find()).as(table).isTrue();
    assertThat(Double.parseDouble(cpu.group(1))).isPositive();
  }

  @Test
  void anUnmeasuredWarmUpRunLeavesNoTopicsBehind(@TempDir final Path work) throws Exception {
    final java.util.Set<String> before = BenchKafka.topicNames(stack.admin());
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
      final double perSecond = new LedgerRun(stack, registry, 100, 6, work, Map.of())
          .warmUpRun(StreamsConfig.EXACTLY_ONCE_V2, 100, 900);
      assertThat(perSecond).isPositive();
    }
    // Deletion completes asynchronously on the broker: wait, bounded, until the listing shows it.
    dev.coffer.embedded.Await.until("the warm-up run's topics deleted", Duration.ofSeconds(60),
        () -> before.containsAll(BenchKafka.topicNames(stack.admin())));
  }

  @Test
  void theExactlyOnceShapeAppendsWhatItWasToldPerEvent() throws Exception {
    final String input = stack.uniqueName("bench.shape-in");
    BenchKafka.createTopics(stack.admin(), List.of(input), 3);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      for (int i = 0; i < 1_000; i++) {
        producer.send(new ProducerRecord<>(input, "k" + i, "v" + i));
      }
      producer.flush();
    }

    final double perSecond = new ExactlyOnceShape(stack, 3).run(input, 1_000, 2.5, Duration.ofMillis(20));

    assertThat(perSecond).isPositive();
    final Map<String, Long> outputs = new HashMap<>();
    for (final String topic : BenchKafka.topicNames(stack.admin())) {
      if (topic.contains("bench.eos-shape-out-")) {
        outputs.put(topic, AppendCount.byTopic(stack.admin(), stack.bootstrapServers(), List.of(topic), "none")
            .get(topic));
      }
    }
    // 2.5 per event over 1,000 events: three topics, 2,500 records, spread round-robin.
    assertThat(outputs).hasSize(3);
    assertThat(outputs.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2_500L);
  }

  @Test
  void aRepartitionTopicsRecordsCountAfterStreamsPurgedThem() throws Exception {
    final String app = stack.uniqueAppId("count");
    final String plain = app + "-store-changelog";
    final String repartition = app + "-by-key-repartition";
    stack.admin().createTopics(List.of(new NewTopic(plain, 2, (short) 1), new NewTopic(repartition, 2, (short) 1)))
        .all().get(30, TimeUnit.SECONDS);
    PartitionLeaders.await(stack.admin(), List.of(plain, repartition), Duration.ofSeconds(30));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>(plain, "k" + i, "v"));
        producer.send(new ProducerRecord<>(repartition, "k" + i, "v"));
      }
      producer.flush();
    }
    // What Streams does to a repartition topic once its records are read.
    final Map<TopicPartition, RecordsToDelete> purge = new HashMap<>();
    for (int partition = 0; partition < 2; partition++) {
      final TopicPartition p = new TopicPartition(repartition, partition);
      final long end = stack.admin().listOffsets(Map.of(p, OffsetSpec.latest())).partitionResult(p)
          .get(30, TimeUnit.SECONDS).offset();
      purge.put(p, RecordsToDelete.beforeOffset(end));
    }
    stack.admin().deleteRecords(purge).all().get(30, TimeUnit.SECONDS);

    final Map<String, Long> counted = AppendCount.byTopic(stack.admin(), stack.bootstrapServers(), List.of(), app);

    assertThat(counted).containsEntry(plain, 30L).containsEntry(repartition, 30L);
  }
}
