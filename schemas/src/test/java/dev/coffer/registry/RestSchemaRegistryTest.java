package dev.coffer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The REST client against the JDK's little HTTP server, scripted answer by answer. Behaviour against
 * a real Apicurio registry is covered in deploy/embedded.
 */
@Timeout(60)
class RestSchemaRegistryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBJECT = "coffer.player-keys-value";
  private static final RestSchemaRegistry.Settings FAST = RestSchemaRegistry.Settings.defaults()
      .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));

  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;

  private record Reply(int status, String body) {
  }

  private record Seen(String method, String path, String contentType, String body) {
  }

  /** A localhost port nothing listens on. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  private String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7/";
  }

  private void handle(final HttpExchange exchange) throws IOException {
    final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestHeaders().getFirst("Content-Type"), body));
    final Reply reply = replies.poll();
    if (reply == null) {
      // No scripted answer: hang until the test ends, like a registry that accepted and froze.
      try {
        release.await();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    final byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void registersWithTheConfluentRequestAndCachesTheId() throws IOException {
    final String url = start();
    replies.add(new Reply(200, "{\"id\":7}"));
    final RestSchemaRegistry registry = new RestSchemaRegistry(url, FAST);

    assertThat(registry.register(SUBJECT, PlayerDataKey.getClassSchema())).isEqualTo(7);
    assertThat(registry.register(SUBJECT, PlayerDataKey.getClassSchema())).isEqualTo(7);
    // The id came back from a registration: reading it needs no fetch either.
    assertThat(registry.schemaById(7)).isEqualTo(PlayerDataKey.getClassSchema());

    assertThat(seen).hasSize(1);
    final Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/" + SUBJECT + "/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    final JsonNode sent = JSON.readTree(request.body());
    assertThat(new Schema.Parser().parse(sent.get("schema").asText()))
        .isEqualTo(PlayerDataKey.getClassSchema());
    registry.close();
  }

  @Test
  void retriesServerErrorsThenSucceeds() throws IOException {
    final String url = start();
    replies.add(new Reply(503, "{\"error_code\":50301,\"message\":\"warming up\"}"));
    replies.add(new Reply(429, ""));
    replies.add(new Reply(200, "{\"schema\":" + JSON.writeValueAsString(PlayerDataKey.getClassSchema().toString())
        + "}"));
    final RestSchemaRegistry registry = new RestSchemaRegistry(url, FAST);

    assertThat(registry.schemaById(3)).isEqualTo(PlayerDataKey.getClassSchema());
    assertThat(registry.schemaById(3)).isEqualTo(PlayerDataKey.getClassSchema());

    assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s.path()).isEqualTo("/apis/ccompat/v7/schemas/ids/3"));
  }

  @Test
  void givesUpOnServerErrorsAfterTheAttempts() throws IOException {
    final String url = start();
    for (int i = 0; i < 5; i++) {
      replies.add(new Reply(500, "{\"error_code\":50001,\"message\":\"storage down\"}"));
    }
    final RestSchemaRegistry registry = new RestSchemaRegistry(url, FAST.withMaxAttempts(3));

    assertThatThrownBy(() -> registry.register(SUBJECT, PlayerDataKey.getClassSchema()))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(url)
        .hasMessageContaining("subject " + SUBJECT)
        .hasMessageContaining("3 attempt(s)")
        .hasMessageContaining("storage down");
    assertThat(seen).hasSize(3);
  }

  @Test
  void anIncompatibleSchemaIsRejectedWithTheRegistrysMessage() throws IOException {
    final String url = start();
    replies.add(new Reply(409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}"));
    replies.add(new Reply(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}"));
    final RestSchemaRegistry registry = new RestSchemaRegistry(url, FAST);

    assertThatThrownBy(() -> registry.register(SUBJECT, PlayerDataKey.getClassSchema()))
        .isInstanceOf(SchemaRejectedException.class)
        .hasMessageContaining("subject " + SUBJECT)
        .hasMessageContaining("incompatible with an earlier schema")
        .hasMessageContaining("HTTP 409");
    assertThatThrownBy(() -> registry.register(SUBJECT, PlayerDataKey.getClassSchema()))
        .isInstanceOf(SchemaRejectedException.class)
        .hasMessageContaining("Invalid schema");
    assertThat(seen).hasSize(2);
  }

  @Test
  void anUnknownIdAndAnUnregisteredSchemaAreNotRetried() throws IOException {
    final String url = start();
    replies.add(new Reply(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}"));
    replies.add(new Reply(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));
    final RestSchemaRegistry registry = new RestSchemaRegistry(url, FAST);

    assertThatThrownBy(() -> registry.schemaById(99))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(99))
        .hasMessageContaining("Schema 99 not found");
    assertThatThrownBy(() -> registry.lookup(SUBJECT, PlayerDataKey.getClassSchema()))
        .isInstanceOf(SchemaRejectedException.class)
        .hasMessageContaining("not registered");
    assertThat(seen).extracting(Seen::path)
        .containsExactly("/apis/ccompat/v7/schemas/ids/99", "/apis/ccompat/v7/subjects/" + SUBJECT);
  }

  @Test
  void setsCompatibility() throws IOException {
    final String url = start();
    replies.add(new Reply(200, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}"));
    replies.add(new Reply(401, "{\"message\":\"Unauthorized\"}"));
    final RestSchemaRegistry registry = new RestSchemaRegistry(url, FAST);

    registry.setCompatibility(SUBJECT, "BACKWARD_TRANSITIVE");

    assertThat(seen.get(0).method()).isEqualTo("PUT");
    assertThat(seen.get(0).path()).isEqualTo("/apis/ccompat/v7/config/" + SUBJECT);
    assertThat(JSON.readTree(seen.get(0).body()).get("compatibility").asText()).isEqualTo("BACKWARD_TRANSITIVE");
    assertThatThrownBy(() -> registry.setCompatibility(SUBJECT, "FULL"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("Unauthorized");
  }

  @Test
  void aRegistryThatNeverAnswersFailsWithinTheBound() throws IOException {
    final String url = start();
    final RestSchemaRegistry registry = new RestSchemaRegistry(url,
        FAST.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)).withMaxAttempts(2));
    final long start = System.nanoTime();

    assertThatThrownBy(() -> registry.schemaById(5))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("schema id 5")
        .hasMessageContaining("no answer within");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(seen).hasSize(2);
  }

  @Test
  void anUnreachableRegistryFailsWithinTheDefaultBound() {
    final String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    final RestSchemaRegistry registry = new RestSchemaRegistry(url);
    final long start = System.nanoTime();

    assertThatThrownBy(() -> registry.register(SUBJECT, PlayerDataKey.getClassSchema()))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(url + "/subjects/" + SUBJECT + "/versions")
        .hasMessageContaining("subject " + SUBJECT)
        .hasMessageContaining("5 attempt(s)")
        .hasCauseInstanceOf(IOException.class);

    // Defaults: 5 attempts within 10 s; refused connections fail fast, so only backoff adds up.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
    registry.close();
  }

  @Test
  void rejectsARelativeUrl() {
    assertThatThrownBy(() -> new RestSchemaRegistry("localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
  }
}
