package dev.coffer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AvroSerdeConfigTest {
  private static final String TOPIC = "coffer.ledger-events";

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  @SuppressWarnings("unchecked")
  void serdeCreatedByClassNameWorks() throws ClassNotFoundException {
    final Serde<LedgerEvent> serde = Utils.newInstance(AvroSerde.class.getName(), Serde.class);
    serde.configure(Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry,
        AvroSerdeConfig.VALUE_TYPE, LedgerEvent.class.getName()), false);
    final LedgerEvent event = Fixtures.event(Fixtures.payloads().get(1));

    final byte[] bytes = serde.serializer().serialize(TOPIC, event);

    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(event);
    assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
  }

  @Test
  @SuppressWarnings("unchecked")
  void serializerAndDeserializerCreatedByClassNameWorkForKeys() throws ClassNotFoundException {
    final Serializer<PlayerDataKey> serializer =
        Utils.newInstance(AvroSerializer.class.getName(), Serializer.class);
    final Deserializer<PlayerDataKey> deserializer =
        Utils.newInstance(AvroDeserializer.class.getName(), Deserializer.class);
    final Map<String, Object> configs = Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry,
        AvroSerdeConfig.KEY_TYPE, PlayerDataKey.class, AvroSerdeConfig.AUTO_REGISTER, "true");
    serializer.configure(configs, true);
    deserializer.configure(configs, true);

    final byte[] bytes = serializer.serialize("coffer.player-keys", Fixtures.playerKey());

    assertThat(deserializer.deserialize("coffer.player-keys", bytes)).isEqualTo(Fixtures.playerKey());
    assertThat(registry.subjects()).containsExactly("coffer.player-keys-key");
  }

  @Test
  void autoRegisterFalseIsHonoured() {
    final AvroSerializer<PlayerDataKey> serializer = new AvroSerializer<>();
    serializer.configure(Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry,
        AvroSerdeConfig.AUTO_REGISTER, "false"), false);

    assertThatThrownBy(() -> serializer.serialize("coffer.player-keys", Fixtures.playerKey()))
        .isInstanceOf(SchemaRejectedException.class);
  }

  @Test
  void kafkaClientsCreateAndConfigureThemByClassName() {
    final Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
    producerProps.put(AvroSerdeConfig.REGISTRY_URL, "http://127.0.0.1:1/apis/ccompat/v7");
    final Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "config-test");
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
    consumerProps.put(AvroSerdeConfig.REGISTRY_URL, "http://127.0.0.1:1/apis/ccompat/v7");
    consumerProps.put(AvroSerdeConfig.VALUE_TYPE, LedgerEvent.class.getName());

    try (KafkaProducer<String, LedgerEvent> producer = new KafkaProducer<>(producerProps);
        KafkaConsumer<String, LedgerEvent> consumer = new KafkaConsumer<>(consumerProps)) {
      assertThat(producer.metrics()).isNotEmpty();
      assertThat(consumer.metrics()).isNotEmpty();
      producer.close(Duration.ZERO);
      consumer.close(Duration.ZERO);
    }

    consumerProps.remove(AvroSerdeConfig.VALUE_TYPE);
    assertThatThrownBy(() -> new KafkaConsumer<String, LedgerEvent>(consumerProps))
        .isInstanceOf(KafkaException.class)
        .rootCause().hasMessageContaining(AvroSerdeConfig.VALUE_TYPE);
  }

  @Test
  void missingOrWrongSettingsAreConfigErrors() {
    final AvroDeserializer<LedgerEvent> deserializer = new AvroDeserializer<>();
    assertThatThrownBy(() -> deserializer.configure(Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.VALUE_TYPE);
    assertThatThrownBy(() -> deserializer.configure(Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry,
        AvroSerdeConfig.VALUE_TYPE, String.class.getName()), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a generated Avro class");
    assertThatThrownBy(() -> deserializer.configure(Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry,
        AvroSerdeConfig.VALUE_TYPE, "dev.coffer.NoSuchClass"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("class not found");
    assertThatThrownBy(() -> deserializer.configure(Map.of(AvroSerdeConfig.VALUE_TYPE,
        LedgerEvent.class.getName()), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.REGISTRY_URL);
    assertThatThrownBy(() -> new AvroSerializer<LedgerEvent>().configure(
        Map.of(AvroSerdeConfig.REGISTRY_URL, "not a url"), false))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new AvroSerializer<LedgerEvent>().configure(
        Map.of(AvroSerdeConfig.REGISTRY_INSTANCE, registry, AvroSerdeConfig.AUTO_REGISTER, "yes"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.AUTO_REGISTER);
  }

  @Test
  void oneRestClientPerUrlAndSettings() {
    final Map<String, Object> configs = Map.of(AvroSerdeConfig.REGISTRY_URL, "http://127.0.0.1:1/apis/ccompat/v7");

    final SchemaRegistry first = AvroSerdeConfig.registry(configs);

    assertThat(first).isInstanceOf(RestSchemaRegistry.class).isSameAs(AvroSerdeConfig.registry(configs));
    assertThat(AvroSerdeConfig.registry(Map.of(AvroSerdeConfig.REGISTRY_URL, "http://127.0.0.1:1/apis/ccompat/v7",
        AvroSerdeConfig.MAX_ATTEMPTS, "2"))).isNotSameAs(first);
  }

  @Test
  @Timeout(30)
  void anUnreachableRegistryFromConfigurationFailsWithinTheBound() {
    final String url = "http://127.0.0.1:" + RestSchemaRegistryTest.closedPort() + "/apis/ccompat/v7";
    final AvroSerde<LedgerEvent> serde = new AvroSerde<>();
    serde.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, url, AvroSerdeConfig.VALUE_TYPE,
        LedgerEvent.class.getName(), AvroSerdeConfig.MAX_ATTEMPTS, 3, AvroSerdeConfig.MAX_RETRY_MS, "3000"), false);
    final long start = System.nanoTime();

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, Fixtures.event(Fixtures.payloads().get(6))))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining(url)
        .hasMessageContaining("3 attempt(s)");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 7, 2}))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("schema id 7");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
