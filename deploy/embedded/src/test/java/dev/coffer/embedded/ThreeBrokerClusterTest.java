package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** On three brokers the installer replicates three times and requires two in-sync replicas. */
@Tag("integration")
@Timeout(120)
class ThreeBrokerClusterTest {

  @Test
  void topicsAreReplicatedThriceWithTwoInSyncReplicasAndTakeAcksAllWrites() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startCluster(3); Admin admin = kafka.createAdmin()) {
      final TopicSpec spec = CofferTopics.LEDGER_EVENTS;

      final TopicInstaller.Report report = new TopicInstaller(admin).apply(List.of(spec));

      assertThat(report.created()).containsExactly(spec.name());
      final TopicDescription description = admin.describeTopics(List.of(spec.name())).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(spec.name());
      assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
      assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
          .get("min.insync.replicas").value()).isEqualTo("2");
      final Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
        final RecordMetadata written = producer.send(new ProducerRecord<>(spec.name(), "k", "v"))
            .get(30, TimeUnit.SECONDS);
        assertThat(written.offset()).isZero();
      }
    }
  }
}
