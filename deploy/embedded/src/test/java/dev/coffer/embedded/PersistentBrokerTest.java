package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's broker: a fixed port, and a data folder a restart resumes from. */
@Tag("integration")
@Timeout(120)
class PersistentBrokerTest {
  private final Iterator<Integer> ports = FreePorts.distinct(2).iterator();

  @Test
  void aRestartOnTheSameFolderKeepsTopicsAndRecords(@TempDir final Path dataDir) throws Exception {
    final int port = freePort();
    final int controllerPort = freePort();
    try (EmbeddedKafka kafka = EmbeddedKafka.startPersistent(dataDir, port, controllerPort);
        Admin admin = kafka.createAdmin()) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "k", "written before the restart")).get(30, TimeUnit.SECONDS);
      }
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.startPersistent(dataDir, port, controllerPort);
        Admin admin = kafka.createAdmin();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer())) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).isEqualTo(Set.of("kept"));
      consumer.subscribe(List.of("kept"));
      final ConsumerRecord<String, String> record = Await.value("the record written before the restart",
          Duration.ofSeconds(30), () -> firstOf(consumer.poll(Duration.ofMillis(200)).records("kept")));
      assertThat(record.value()).isEqualTo("written before the restart");
    }
  }

  private static Optional<ConsumerRecord<String, String>> firstOf(final Iterable<ConsumerRecord<String, String>> rs) {
    final Iterator<ConsumerRecord<String, String>> it = rs.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  /** The next of this test's distinct free ports (asked together: one asked and closed may come again). */
  private int freePort() {
    return ports.next();
  }
}
