package dev.coffer.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.keys.PlayerKey;
import dev.coffer.ledger.Events;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry outage under load: the ledger must ride it out, neither exiting nor skipping a
 * record. Records written with a schema id the ledger has not cached yet arrive while the registry
 * hangs (SIGSTOP, 30 s), so the ledger cannot decode them until it is back; afterwards every event has
 * exactly one outcome, and the instance never left RUNNING for ERROR.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith(CofferStackExtension.class)
class RegistryOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Test
  void theLedgerRidesOutARegistryOutageWithNothingLostOrDoubled(final CofferStack stack,
                                                                @TempDir final Path state) throws Exception {
    final LedgerIt.Topics topics = LedgerIt.createTopics(stack, "outage", 3);
    final List<LedgerEvent> sent = new ArrayList<>();
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        LedgerService ledger = LedgerService.create(LedgerIt.config(stack, stack.uniqueAppId("outage"), state),
            LedgerIt.ledgerTopics(topics)).start();
        AvroSerializer<SequencedEvent> serializer = new AvroSerializer<>(registry, false);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(stack.producerConfig(),
            new StringSerializer(), new ByteArraySerializer())) {
      assertThat(ledger.awaitRunning(Duration.ofSeconds(60))).isTrue();
      for (int i = 0; i < 50; i++) {
        final SequencedEvent event = unjudged(i);
        send(producer, topics.sequence(), event, serializer.serialize(topics.sequence(), event));
        sent.add(event.getEvent());
      }
      // A later writer's schema (a field added with a default): its id is new to the ledger, which must
      // ask the registry for it.
      final int laterId = registry.register(topics.sequence() + "-value", laterSchema());
      final AtomicBoolean back = new AtomicBoolean();
      final ScheduledExecutorService outage = Executors.newSingleThreadScheduledExecutor();
      stack.registry().freeze();
      try {
        outage.schedule(() -> {
          stack.registry().resume();
          back.set(true);
        }, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 50; i < 150; i++) {
          final SequencedEvent event = unjudged(i);
          send(producer, topics.sequence(), event,
              laterFraming(laterId, serializer.serialize(topics.sequence(), event)));
          sent.add(event.getEvent());
        }
        // Through the whole outage the instance must stay up (threads replaced, never the instance stopped).
        Await.until("the registry is back", OUTAGE.plusSeconds(30), () -> {
          assertThat(ledger.failed()).as("the instance never fails for a passing cause").isFalse();
          assertThat(ledger.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING,
              KafkaStreams.State.PENDING_SHUTDOWN);
          return back.get();
        });
      } finally {
        outage.shutdownNow();
        stack.registry().resume();
      }
      final Set<String> ids = new TreeSet<>();
      sent.forEach(e -> ids.add(e.getEventId().toString()));
      final List<ConsumerRecord<String, LedgerOutcome>> outcomes = LedgerIt.readAll(stack, topics.outcomes(),
          LedgerIt.strings(), LedgerIt.avro(registry, LedgerOutcome.class), ids.size(), r -> true,
          Duration.ofSeconds(150), true);
      final Map<String, Integer> perEvent = new HashMap<>();
      outcomes.forEach(r -> perEvent.merge(r.value().getEventId().toString(), 1, Integer::sum));
      assertThat(perEvent.keySet()).as("nothing lost, nothing foreign").isEqualTo(ids);
      assertThat(perEvent.values()).as("nothing applied twice").allMatch(n -> n == 1);
      assertThat(ledger.failed()).isFalse();
      assertThat(ledger.threadReplacements()).as("the outage was felt and ridden out").isPositive();
    }
  }

  private static void send(final KafkaProducer<String, byte[]> producer, final String topic,
                           final SequencedEvent event, final byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, PlayerKey.of(event.getEvent().getAppId(),
        event.getEvent().getPlayerRef()), value)).get(30, TimeUnit.SECONDS);
  }

  private static SequencedEvent unjudged(final int i) {
    return SequencedEvent.newBuilder().setVerdict(DedupeVerdict.UNJUDGED).setEvent(Events.playerEvent(
        "outage-" + i, "p" + (i % 7), "k" + i, Events.grant(Events.grants(Map.of("gems", 1L))))).build();
  }

  /** SequencedEvent with one more field at its end, defaulting to null. */
  private static Schema laterSchema() throws Exception {
    final ObjectMapper json = new ObjectMapper();
    final ObjectNode schema = (ObjectNode) json.readTree(SequencedEvent.getClassSchema().toString());
    final ObjectNode field = ((ArrayNode) schema.get("fields")).addObject();
    field.put("name", "outageNote");
    field.putArray("type").add("null").add("string");
    field.putNull("default");
    return new Schema.Parser().parse(json.writeValueAsString(schema));
  }

  /**
   * The same record written with the later schema: its body with the new field's null appended (Avro
   * writes a union's branch index, 0 for null, and nothing else), framed with the later schema's id.
   */
  private static byte[] laterFraming(final int laterId, final byte[] framed) {
    return ByteBuffer.allocate(framed.length + 1).put((byte) 0).putInt(laterId)
        .put(framed, 5, framed.length - 5).put((byte) 0).array();
  }
}
