package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.registry.AvroDeserializer;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Records go through the real broker and the real registry in the Confluent wire format. */
@Tag("integration")
@Timeout(180)
@ExtendWith(CofferStackExtension.class)
class WireFormatTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aLedgerEventRoundTripsThroughTheRegistry(final CofferStack stack) throws Exception {
    final String topic = stack.createTopic("ledger-events", 2);
    final LedgerEvent sent = Events.grant("game", "ref-1", "idem-1");
    produce(stack, topic, sent);

    final AvroDeserializer<LedgerEvent> values = new AvroDeserializer<>();
    values.configure(stack.serdeConfig(LedgerEvent.class), false);
    final List<ConsumerRecord<String, LedgerEvent>> records =
        stack.consume(topic, new StringDeserializer(), values, 1, WAIT);

    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(sent.getDedupeKey());
      assertThat(r.value()).isEqualTo(sent);
    });
  }

  /**
   * An analytics consumer with no Coffer code: the registry's REST API gives the writer schema for the
   * id in the record's header, and plain Avro decodes the rest.
   */
  @Test
  void anAnalyticsConsumerDecodesWithOnlyTheRegistryApiAndPlainAvro(final CofferStack stack) throws Exception {
    final String topic = stack.createTopic("ledger-events", 1);
    final LedgerEvent sent = Events.grant("game", "ref-2", "idem-2");
    produce(stack, topic, sent);

    final byte[] bytes = stack.consume(topic, new StringDeserializer(), new ByteArrayDeserializer(), 1, WAIT)
        .get(0).value();
    final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    assertThat(buffer.get()).as("magic byte").isEqualTo((byte) 0);
    final int schemaId = buffer.getInt();
    final HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + schemaId)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    final JsonNode json = new ObjectMapper().readTree(answer.body());
    final Schema writer = new Schema.Parser().parse(json.get("schema").asText());
    final GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
        DecoderFactory.get().binaryDecoder(bytes, buffer.position(), buffer.remaining(), null));

    assertThat(writer.getFullName()).isEqualTo(LedgerEvent.getClassSchema().getFullName());
    assertThat(decoded.get("eventId").toString()).isEqualTo(sent.getEventId().toString());
    assertThat(decoded.get("dedupeKey").toString()).isEqualTo(sent.getDedupeKey());
    assertThat(decoded.get("occurredAt")).isEqualTo(sent.getOccurredAt().toEpochMilli());
    final GenericRecord payload = (GenericRecord) decoded.get("payload");
    assertThat(payload.getSchema().getName()).isEqualTo("GrantIssued");
    final GenericRecord grants = (GenericRecord) payload.get("grants");
    // With stringType=String the writer schema marks strings avro.java.string=String: keys decode as String.
    assertThat(grants.get("currencies")).isEqualTo(Map.of("gems", 250L));
  }

  private static void produce(final CofferStack stack, final String topic, final LedgerEvent event)
      throws Exception {
    final AvroSerializer<LedgerEvent> values = new AvroSerializer<>();
    values.configure(stack.serdeConfig(LedgerEvent.class), false);
    try (KafkaProducer<String, LedgerEvent> producer =
        new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), values)) {
      producer.send(new ProducerRecord<>(topic, event.getDedupeKey(), event)).get(30, TimeUnit.SECONDS);
    }
  }
}
