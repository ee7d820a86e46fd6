package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.AvroSerdeConfig;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.NotWireFormatException;
import dev.coffer.registry.RegistryUnavailableException;
import dev.coffer.registry.UnknownSchemaIdException;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the serde says about bad input, against the real registry. */
@Tag("integration")
@Timeout(120)
@ExtendWith(CofferStackExtension.class)
class BadInputTest {
  private static final String TOPIC = "coffer.ledger-events";

  @Test
  void bytesThatAreNotTheWireFormatAreRefusedNamingTheTopic(final CofferStack stack) {
    final AvroDeserializer<LedgerEvent> deserializer = deserializer(stack.serdeConfig(LedgerEvent.class));

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"json\":true}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(NotWireFormatException.class)
        .hasMessageContaining(TOPIC);
  }

  @Test
  void anUnknownSchemaIdIsRefusedNamingTheTopicAndTheId(final CofferStack stack) {
    final AvroDeserializer<LedgerEvent> deserializer = deserializer(stack.serdeConfig(LedgerEvent.class));
    final byte[] framed = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(0).array();

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, framed))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("987654");
  }

  @Test
  void anUnreachableRegistryIsReportedNamingTheTopic(final CofferStack stack) throws IOException {
    final Map<String, Object> config = new HashMap<>(stack.serdeConfig(LedgerEvent.class));
    config.put(AvroSerdeConfig.REGISTRY_URL, "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7");
    config.put(AvroSerdeConfig.MAX_ATTEMPTS, 2);
    config.put(AvroSerdeConfig.MAX_RETRY_MS, 1_000);
    final AvroSerializer<LedgerEvent> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    final AvroDeserializer<LedgerEvent> deserializer = deserializer(config);
    // A record framed by the real registry, read by a consumer that cannot reach it.
    final AvroSerializer<LedgerEvent> real = new AvroSerializer<>();
    real.configure(stack.serdeConfig(LedgerEvent.class), false);
    final byte[] framed = real.serialize(TOPIC, Events.grant("game", "ref-3", "idem-3"));

    assertThatThrownBy(() -> serializer.serialize(TOPIC, Events.grant("game", "ref-3", "idem-3")))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(TOPIC);
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, framed))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(TOPIC);
  }

  private static AvroDeserializer<LedgerEvent> deserializer(final Map<String, ?> config) {
    final AvroDeserializer<LedgerEvent> deserializer = new AvroDeserializer<>();
    deserializer.configure(config, false);
    return deserializer;
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
