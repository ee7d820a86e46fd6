package dev.coffer.service.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.config.ConfigException;
import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static final ConfigSpec SPEC = StreamsSettings.declare(ConfigSpec.builder("test"),
      new StreamsSettings.Defaults("coffer-test", "coffer-test", 250, 1, 3)).envPrefix("COFFER_TEST_").build();

  @Test
  void readsTheSettingsWithTheServicesDefaultsAndTurnsThemIntoStreamsProperties() {
    final ConfigValues values = SPEC.fromMap(Map.of(StreamsSettings.NUM_STREAM_THREADS, "2"), "settings",
        Map.of("COFFER_TEST_REPLICATION_FACTOR", "1"));
    final StreamsSettings settings = StreamsSettings.read(values);
    values.throwIfInvalid();

    assertThat(settings.applicationId()).isEqualTo("coffer-test");
    assertThat(settings.numStreamThreads()).isEqualTo(2);
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.replicationFactor()).isEqualTo((short) 1);
    final Properties p = new Properties();
    settings.applyTo(p);
    assertThat(p).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "coffer-test")
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250")
        .containsKeys(StreamsConfig.STATE_DIR_CONFIG);
    assertThat(StreamsSettings.STREAMS_KEYS).hasSize(6).containsAll(p.stringPropertyNames());
  }

  @Test
  void latencyDefaultsAreValidStreamsSettingsBelowKafkasOwn() {
    final Properties p = new Properties();
    StreamsSettings.putLatencyDefaults(p);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "coffer-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    final StreamsConfig config = new StreamsConfig(p);
    final long kafkasPoll = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "a",
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "b")).getLong(StreamsConfig.POLL_MS_CONFIG);
    assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(5L).isLessThan(kafkasPoll);
    assertThat(String.valueOf(config.getMainConsumerConfigs("g", "c", 0).get("fetch.max.wait.ms"))).isEqualTo("10");
    assertThat(String.valueOf(config.getProducerConfigs("c").get("linger.ms"))).isEqualTo("5");
  }

  @Test
  void plainClientsTakeTheKafkaKeysNotMeantForStreamsInnerClientsOrTopics() {
    final Map<String, Object> c = StreamsSettings.clientConfig("k:9092", Map.of("security.protocol", "SSL",
        "producer.linger.ms", "1", "main.consumer.fetch.max.wait.ms", "5", "topic.min.insync.replicas", "2",
        "bootstrap.servers", "ignored:1"));
    assertThat(c).containsExactly(Map.entry("bootstrap.servers", "k:9092"), Map.entry("security.protocol", "SSL"));
    c.put("client.id", "mine");
  }

  @Test
  void namesEveryBadKey() {
    final ConfigValues values = SPEC.fromMap(Map.of(StreamsSettings.APPLICATION_ID, "has space",
        StreamsSettings.NUM_STANDBY_REPLICAS, "9"), "settings", null);
    StreamsSettings.read(values);

    assertThatThrownBy(values::throwIfInvalid).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.problems()).extracting(ConfigException.Problem::key)
            .containsExactlyInAnyOrder(StreamsSettings.APPLICATION_ID, StreamsSettings.NUM_STANDBY_REPLICAS));
  }
}
