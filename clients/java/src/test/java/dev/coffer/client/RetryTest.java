package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.client.LocalServer.Reply;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.OutcomeStatus;
import dev.coffer.client.model.SpendRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries on 429 and 503 over real HTTP: Retry-After honoured, the same request and key every time, bounded. */
@Timeout(30)
class RetryTest {
  private static final String SPEND = "/v1/apps/demo/players/alice/spend";

  @Test
  void a503IsRetriedAfterItsRetryAfterWithTheSameIdempotencyKeyAndBody() {
    try (LocalServer server = new LocalServer()) {
      server.then(SPEND, Reply.problem(503, "KAFKA_UNAVAILABLE", "", "Retry-After", "1"))
          .then(SPEND, Reply.problem(429, "RATE_LIMITED", "", "Retry-After", "0"))
          .then(SPEND, Reply.json(200, Fixtures.applied("e1", 3)));
      final SpendRequest spend = SpendRequest.of("gems", 30, "sword");
      final long start = System.nanoTime();

      final Outcome outcome = Fixtures.client(server.uri()).writes().spend("alice", spend);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the Retry-After")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(outcome.status()).isEqualTo(OutcomeStatus.APPLIED);
      assertThat(outcome.version()).isEqualTo(3);
      assertThat(server.received(SPEND)).hasSize(3).allSatisfy(r -> {
        assertThat(r.body()).contains("\"idempotencyKey\":\"" + spend.idempotencyKey() + "\"");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
      });
      assertThat(server.received(SPEND)).extracting(LocalServer.Received::body).containsOnly(
          server.received(SPEND).get(0).body());
    }
  }

  @Test
  void retriesAreBoundedAndTheLastProblemIsThrownWithTheKeyToRetryWith() {
    try (LocalServer server = new LocalServer()) {
      for (int i = 0; i < 4; i++) {
        server.then(SPEND, Reply.problem(503, "KAFKA_UNAVAILABLE", ""));
      }
      final SpendRequest spend = SpendRequest.of("gems", 30, "sword").withIdempotencyKey("order-17");

      assertThatThrownBy(() -> Fixtures.client(server.uri()).writes().spend("alice", spend))
          .isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("KAFKA_UNAVAILABLE");
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.idempotencyKey()).isEqualTo("order-17");
          });
      assertThat(server.received(SPEND)).as("the default policy's 4 attempts").hasSize(4);
    }
  }

  @Test
  void aRetryAfterLongerThanThePolicyAllowsIsNotWaitedFor() {
    try (LocalServer server = new LocalServer()) {
      server.then(SPEND, Reply.problem(429, "RATE_LIMITED", "", "Retry-After", "120"));
      final CofferClient client = CofferClient.builder().gateway(server.uri()).appId("demo").apiKey("k")
          .retry(RetryPolicy.defaults().withMaxRetryAfter(Duration.ofSeconds(10))).build();

      assertThatThrownBy(() -> client.writes().spend("alice", SpendRequest.of("gems", 1, "x")))
          .isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.code()).isEqualTo("RATE_LIMITED");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(e.outcomeUnknown()).isFalse();
          });
      assertThat(server.received(SPEND)).hasSize(1);
    }
  }

  @Test
  void noAnswerIsRetriedThenATransportExceptionCarriesTheKey() throws IOException {
    final int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    final CofferClient client = Fixtures.client(URI.create("http://127.0.0.1:" + closedPort));
    final SpendRequest spend = SpendRequest.of("gems", 1, "x");

    assertThatThrownBy(() -> client.writes().spend("alice", spend))
        .isInstanceOfSatisfying(TransportException.class, e -> {
          assertThat(e.idempotencyKey()).isEqualTo(spend.idempotencyKey());
          assertThat(e.getMessage()).contains("after 4 attempt(s)");
        });
  }

  @Test
  void retryAfterAsAnHttpDateIsUnderstood() {
    final java.time.Instant now = java.time.Instant.parse("2026-11-01T10:00:00Z");
    assertThat(RetryAfter.parse("Sun, 01 Nov 2026 10:00:07 GMT", now)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("3", now)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse("Sun, 01 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
  }

  @Test
  void backoffGrowsAndIsCapped() {
    final RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
    assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(policy.backoff(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(policy.backoff(10)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(policy.backoff(200)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
  }
}
