package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.service.metrics.ServiceMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A partition a client starts reading after its metrics were bound (a task moved here: a standby, a failover)
 * shows its lag in the service's scrape within seconds. Micrometer's binders look for new Kafka metrics once a
 * minute by default, which left a moved partition's lag out of {@code /metrics} for up to a minute.
 */
@Tag("integration")
@Timeout(120)
class KafkaMetricsRefreshTest {
  private static final String TOPIC = "moved-here";

  @Test
  void aPartitionAssignedAfterBindingShowsItsLagWithinSeconds() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startCluster(1);
        Admin admin = kafka.createAdmin();
        ServiceMetrics metrics = new ServiceMetrics();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.CLIENT_ID_CONFIG, "refresh-test", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
            new StringDeserializer(), new StringDeserializer())) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>(TOPIC, "k", "v" + i)).get(30, TimeUnit.SECONDS);
        }
      }
      metrics.bind(consumer);
      // Bound first, then the partition arrives: its fetch metrics did not exist when the binder looked.
      final TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      final String line = Await.value("the new partition's lag in the scrape", Duration.ofSeconds(20), () -> {
        // 20 s: four refreshes, a third of the default minute.
        consumer.poll(Duration.ofMillis(100));
        return metrics.scrape().lines()
            .filter(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag{") && l.contains("topic=\"" + TOPIC))
            .findFirst();
      });
      assertThat(line).contains("partition=\"0\"");
    }
  }
}
