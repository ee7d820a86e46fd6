package dev.coffer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {
  private static final String TOPIC = "coffer.ledger-events";
  private static final String KEYS_TOPIC = "coffer.player-keys";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final AvroSerde<LedgerEvent> events = new AvroSerde<>(registry, LedgerEvent.class, false);

  @Test
  void writesTheConfluentWireFormat() throws IOException {
    final LedgerEvent event = Fixtures.event(Fixtures.payloads().get(0));

    final byte[] bytes = events.serializer().serialize(TOPIC, event);

    final int id = registry.lookup(TOPIC + "-value", LedgerEvent.getClassSchema());
    assertThat(bytes[0]).as("magic byte").isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("big-endian schema id").isEqualTo(id);
    // The body is plain Avro binary, nothing more: what Confluent's serializer writes.
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBody(event));
    assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
  }

  @Test
  void bigSchemaIdsAreBigEndian() {
    final byte[] framed = frame(0x01020304, new byte[] {9});
    assertThat(Arrays.copyOfRange(framed, 0, 5)).containsExactly(0, 1, 2, 3, 4);
    assertThat(WireFormat.schemaId(framed)).isEqualTo(0x01020304);
    assertThat(WireFormat.schemaId(frame(-2, new byte[0]))).isEqualTo(-2);
  }

  static Stream<Object> payloads() {
    return Fixtures.payloads().stream();
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void roundTripsEveryPayloadType(final Object payload) {
    final LedgerEvent event = Fixtures.event(payload);

    final LedgerEvent read = events.deserializer().deserialize(TOPIC,
        events.serializer().serialize(TOPIC, event));

    assertThat(read).isEqualTo(event);
    assertThat(read.getPayload()).isInstanceOf(payload.getClass());
  }

  @Test
  void tombstonesStayNull() {
    assertThat(events.serializer().serialize(TOPIC, null)).isNull();
    assertThat(events.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void registersOncePerTopicAndCachesTheId() {
    final CountingRegistry counting = new CountingRegistry(registry);
    final AvroSerializer<PlayerDataKey> serializer = new AvroSerializer<>(counting, false);

    for (int i = 0; i < 3; i++) {
      serializer.serialize(KEYS_TOPIC, Fixtures.playerKey());
      serializer.serialize("app-player-keys-store-changelog", Fixtures.playerKey());
    }

    assertThat(counting.registrations).isEqualTo(2);
    assertThat(registry.subjects())
        .containsExactly(KEYS_TOPIC + "-value", "app-player-keys-store-changelog-value");
  }

  @Test
  void keysUseTheKeySubject() {
    final AvroSerde<PlayerDataKey> keys = new AvroSerde<>(registry, PlayerDataKey.class, true);

    final byte[] bytes = keys.serializer().serialize(KEYS_TOPIC, Fixtures.playerKey());

    assertThat(registry.subjects()).containsExactly(KEYS_TOPIC + "-key");
    assertThat(keys.deserializer().deserialize(KEYS_TOPIC, bytes)).isEqualTo(Fixtures.playerKey());
  }

  @Test
  void withoutAutoRegistrationTheSchemaMustAlreadyBeRegistered() {
    final AvroSerializer<PlayerDataKey> serializer = new AvroSerializer<>(registry, false, false);

    assertThatThrownBy(() -> serializer.serialize(KEYS_TOPIC, Fixtures.playerKey()))
        .isInstanceOf(SchemaRejectedException.class)
        .hasMessageContaining("topic " + KEYS_TOPIC)
        .hasMessageContaining("not registered");
    assertThat(registry.subjects()).isEmpty();

    final int id = registry.register(KEYS_TOPIC + "-value", PlayerDataKey.getClassSchema());
    assertThat(WireFormat.schemaId(serializer.serialize(KEYS_TOPIC, Fixtures.playerKey()))).isEqualTo(id);
  }

  @Test
  void oldDataGetsTheReadersDefaults() throws IOException {
    // Release 0 of player keys had no algorithm field; today's schema defaults it to AES-256-GCM.
    final Schema old = withoutField(PlayerDataKey.getClassSchema(), "algorithm");
    final int oldId = registry.register(KEYS_TOPIC + "-value", old);
    final byte[] oldBody = reencode(Fixtures.playerKey(), PlayerDataKey.getClassSchema(), old);

    final PlayerDataKey read = new AvroDeserializer<>(registry, PlayerDataKey.class, false)
        .deserialize(KEYS_TOPIC, frame(oldId, oldBody));

    assertThat(read.getAlgorithm()).isEqualTo("AES-256-GCM");
    assertThat(read.getAppId()).isEqualTo("game");
    assertThat(read.getCreatedAt()).isEqualTo(Fixtures.AT);
  }

  @Test
  void oldLedgerEventsGetDefaultsInsideTheirPayload() throws IOException {
    // An older ledger event: no migration flag, and purchases without a quantity.
    final ObjectNode json = (ObjectNode) JSON.readTree(LedgerEvent.getClassSchema().toString());
    removeField(json, "migration");
    final JsonNode purchase = fieldNamed(json, "payload").get("type").get(0);
    removeField((ObjectNode) purchase, "quantity");
    final Schema old = new Schema.Parser().parse(json.toString());
    final int oldId = registry.register(TOPIC + "-value", old);
    final LedgerEvent written = Fixtures.event(Fixtures.purchase(null));
    final byte[] oldBody = reencode(written, LedgerEvent.getClassSchema(), old);

    final LedgerEvent read = events.deserializer().deserialize(TOPIC, frame(oldId, oldBody));

    assertThat(written.getMigration()).isTrue();
    assertThat(read.getMigration()).as("defaulted").isFalse();
    assertThat(((PurchaseVerified) read.getPayload()).getQuantity()).as("defaulted").isEqualTo(1L);
    assertThat(((PurchaseVerified) read.getPayload()).getTransactionId()).isEqualTo("GPA.1234-5678");
    assertThat(read.getEventId()).isEqualTo(written.getEventId());
  }

  @Test
  void bytesThatAreNotTheWireFormatNameTheTopicAndTheFirstByte() {
    final byte[] json = "{\"appId\":\"game\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, json))
        .isInstanceOf(NotWireFormatException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("first byte is 0x7b")
        .hasMessageContaining(json.length + " bytes");
    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
        .isInstanceOf(NotWireFormatException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("3 byte(s) is too short");
    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, new byte[0]))
        .isInstanceOf(NotWireFormatException.class)
        .hasMessageContaining("0 byte(s)");
  }

  @Test
  void anUnknownSchemaIdNamesTheTopicAndTheId() {
    final byte[] good = events.serializer().serialize(TOPIC, Fixtures.event(Fixtures.payloads().get(3)));
    final byte[] body = Arrays.copyOfRange(good, 5, good.length);

    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, frame(4242, body)))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class,
            e -> assertThat(e.schemaId()).isEqualTo(4242))
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("schema id 4242");
  }

  @Test
  void aCorruptBodyNamesTheTopicAndTheSchemaId() {
    final byte[] good = events.serializer().serialize(TOPIC, Fixtures.event(Fixtures.payloads().get(0)));
    final int id = WireFormat.schemaId(good);
    final byte[] truncated = Arrays.copyOf(good, good.length / 2);
    final byte[] trailing = Arrays.copyOf(good, good.length + 1);

    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, truncated))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.schemaId()).isEqualTo(id))
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("schema id " + id);
    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, trailing))
        .isInstanceOf(UndecodableRecordException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("bytes left");
  }

  @Test
  void aRecordOfAnotherTypeIsUndecodable() {
    // An outcome on the events topic: its writer schema cannot be resolved against LedgerEvent.
    final int outcomeId = registry.register("coffer.ledger-outcomes-value", LedgerOutcome.getClassSchema());

    assertThatThrownBy(() -> events.deserializer().deserialize(TOPIC, frame(outcomeId, new byte[] {0})))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.schemaId()).isEqualTo(outcomeId))
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining(LedgerEvent.class.getName());
  }

  @Test
  void decimalsAreWrittenAtScaleSixAndTooManyPlacesFailClearly() {
    final LedgerEvent cheap = Fixtures.event(Fixtures.purchase(new BigDecimal("0.99")));
    final LedgerEvent read = events.deserializer().deserialize(TOPIC,
        events.serializer().serialize(TOPIC, cheap));
    assertThat(((PurchaseVerified) read.getPayload()).getPrice()).isEqualTo(new BigDecimal("0.990000"));

    final LedgerEvent tooPrecise = Fixtures.event(Fixtures.purchase(new BigDecimal("0.1234567")));
    assertThatThrownBy(() -> events.serializer().serialize(TOPIC, tooPrecise))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("scale")
        .hasMessageContaining("setScale(6");
  }

  @Test
  void aMissingRequiredFieldFailsClearly() {
    final LedgerEvent event = Fixtures.event(Fixtures.payloads().get(6));
    event.setAppId(null);

    assertThatThrownBy(() -> events.serializer().serialize(TOPIC, event))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic " + TOPIC)
        .hasMessageContaining("appId");
  }

  @Test
  void anUnconfiguredSerdeSaysWhatIsMissing() {
    final AvroSerde<LedgerEvent> unconfigured = new AvroSerde<>();
    assertThatThrownBy(() -> unconfigured.serializer().serialize(TOPIC, Fixtures.event(Fixtures.payloads().get(6))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(AvroSerdeConfig.REGISTRY_URL);
    assertThatThrownBy(() -> unconfigured.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(AvroSerdeConfig.VALUE_TYPE);
  }

  /** The Avro binary of {@code record}, as a plain specific writer produces it. */
  private static byte[] avroBody(final SpecificRecord record) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** {@code record} written with an older schema: decoded into it generically, then re-encoded. */
  private static byte[] reencode(final SpecificRecord record, final Schema current, final Schema old)
      throws IOException {
    final byte[] currentBody = avroBody(record);
    final GenericRecord asOld = new GenericDatumReader<GenericRecord>(current, old)
        .read(null, DecoderFactory.get().binaryDecoder(currentBody, null));
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(old).write(asOld, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  static byte[] frame(final int schemaId, final byte[] body) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    WireFormat.writeHeader(out, schemaId);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static Schema withoutField(final Schema schema, final String field) throws IOException {
    final ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    removeField(json, field);
    return new Schema.Parser().parse(json.toString());
  }

  private static void removeField(final ObjectNode record, final String field) {
    final Iterator<JsonNode> fields = ((ArrayNode) record.get("fields")).iterator();
    while (fields.hasNext()) {
      if (field.equals(fields.next().get("name").asText())) {
        fields.remove();
        return;
      }
    }
    throw new IllegalArgumentException("no field " + field);
  }

  private static JsonNode fieldNamed(final JsonNode record, final String field) {
    for (final JsonNode f : record.get("fields")) {
      if (field.equals(f.get("name").asText())) {
        return f;
      }
    }
    throw new IllegalArgumentException("no field " + field);
  }

  /** Counts registrations, to prove the serializer caches ids. */
  private static final class CountingRegistry implements SchemaRegistry {
    private final SchemaRegistry delegate;
    private int registrations;

    CountingRegistry(final SchemaRegistry delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
      registrations++;
      return delegate.register(subject, schema);
    }

    @Override
    public int lookup(final String subject, final Schema schema) {
      return delegate.lookup(subject, schema);
    }

    @Override
    public Schema schemaById(final int id) {
      return delegate.schemaById(id);
    }

    @Override
    public void setCompatibility(final String subject, final String level) {
      delegate.setCompatibility(subject, level);
    }

    @Override
    public void setGlobalCompatibility(final String level) {
      delegate.setGlobalCompatibility(level);
    }
  }
}
