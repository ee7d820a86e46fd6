package dev.coffer.projections.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.Apps;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.projections.Outcomes;
import dev.coffer.projections.store.JsonSerde;
import dev.coffer.registry.AvroSerializer;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.TypedTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One app's dead webhook endpoint must not delay another app's webhooks, and nothing of the dead
 * one may be committed as done.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(CofferStackExtension.class)
class WebhookIsolationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAppWhoseEndpointNeverAnswersDelaysNoOtherApp(final CofferStack stack) throws Exception {
    final String topic = stack.createTopic("wh-outcomes", 2);
    final String deadLetters = stack.createTopic("wh-dead-letters", 1);
    final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    final HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        received.add(JSON.readTree(in.readAllBytes()));
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    final List<Socket> held = Collections.synchronizedList(new ArrayList<>());
    final String group = stack.uniqueName("wh-isolation");
    try (ServerSocket deadEndpoint = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl());
        KafkaProducer<String, LedgerOutcome> producer = new KafkaProducer<>(stack.producerConfig(),
            new StringSerializer(), new AvroSerializer<LedgerOutcome>(registry, false, true))) {
      // Accepts every connection and never answers.
      Thread.ofVirtual().start(() -> {
        while (!deadEndpoint.isClosed()) {
          try {
            held.add(deadEndpoint.accept());
          } catch (final IOException e) {
            return;
          }
        }
      });
      final Apps apps = apps("http://127.0.0.1:" + deadEndpoint.getLocalPort() + "/hook",
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      // App A first: before isolation, B's webhooks would queue behind every attempt of A's.
      final Map<Integer, Long> firstOfA = new HashMap<>();
      for (int i = 1; i <= 10; i++) {
        final RecordMetadata a = send(producer, topic, Outcomes.coins("app-a", "a-player-" + (i % 3), i, 1, i));
        firstOfA.merge(a.partition(), a.offset(), Math::min);
      }
      for (int v = 1; v <= 3; v++) {
        send(producer, topic, Outcomes.coins("app-b", "b-player-1", v, 1, v));
        send(producer, topic, Outcomes.coins("app-b", "b-player-" + (v + 1), 1, 5, 5));
      }

      try (WebhookDispatcher dispatcher = new WebhookDispatcher(stack.clientConfig(), group,
          TypedTopics.withRegistry(registry, false).ledgerOutcomes().named(topic), deadLetters,
          TypedTopics.withRegistry(registry, true).webhookDeliveries().named(stack.createTopic("wh-deliveries", 2)),
          apps,
          new WebhookDispatcher.Settings(2, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
              Duration.ofSeconds(60), true, 2, 100), JsonSerde.mapper(), Clock.systemUTC(),
          new SimpleMeterRegistry()).start()) {
        Await.until("app B's six webhooks delivered while A's endpoint hangs", Duration.ofSeconds(15),
            () -> received.size() >= 6);

        assertThat(received).allSatisfy(w -> assertThat(w.path("appId").asText()).isEqualTo("app-b"));
        assertThat(received.stream().filter(w -> w.path("playerRef").asText().equals("b-player-1"))
            .map(w -> w.path("version").asLong()).toList()).as("one player's webhooks in order")
            .containsExactly(1L, 2L, 3L);
        assertThat(held).as("A's endpoint is being tried").isNotEmpty();
        // None of A's records is delivered or parked: no commit may pass the first of them.
        final Map<TopicPartition, OffsetAndMetadata> committed = stack.admin().listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        committed.forEach((partition, offset) -> assertThat(offset == null ? 0 : offset.offset())
            .as("committed offset of " + partition)
            .isLessThanOrEqualTo(firstOfA.getOrDefault(partition.partition(), Long.MAX_VALUE)));
      }
    } finally {
      receiver.stop(0);
      for (final Socket socket : held) {
        socket.close();
      }
    }
  }

  private static RecordMetadata send(final KafkaProducer<String, LedgerOutcome> producer, final String topic,
                                     final LedgerOutcome outcome) throws Exception {
    return producer.send(new ProducerRecord<>(topic, outcome.getAppId() + "|" + outcome.getPlayerRef(), outcome))
        .get(30, TimeUnit.SECONDS);
  }

  private static Apps apps(final String deadUrl, final String liveUrl) {
    final String app = """
          - appId: %s
            keys: [{label: s, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
            webhooks: {url: "%s", secrets: [webhook-secret-0123456789abcdef0123456789]}
        """;
    return Apps.parse("apps:\n" + app.formatted("app-a", ApiKeys.sha256Hex("key-a"), deadUrl)
        + app.formatted("app-b", ApiKeys.sha256Hex("key-b"), liveUrl), Path.of("."), name -> null);
  }
}
