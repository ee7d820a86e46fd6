package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.client.LocalServer.Reply;
import dev.coffer.client.model.GrantRequest;
import dev.coffer.client.model.Grants;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.RejectionReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A write answered 202 is followed to its outcome at its Location, bounded. */
@Timeout(30)
class FollowTest {
  private static final String GRANTS = "/v1/apps/demo/players/bob/grants";
  private static final String EVENT = "/v1/apps/demo/events/e7";
  private static final Reply ACCEPTED = Reply.json(202, "{\"eventId\":\"e7\",\"status\":\"PENDING\"}",
      "Location", EVENT);

  @Test
  void a202IsPolledAtItsLocationUntilDecided() {
    try (LocalServer server = new LocalServer()) {
      server.then(GRANTS, ACCEPTED)
          .then(EVENT, Reply.problem(404, "EVENT_NOT_FOUND", ""))
          .then(EVENT, Reply.problem(503, "REBALANCING", "", "Retry-After", "0"))
          .then(EVENT, Reply.json(200, Fixtures.applied("e7", 2)));

      final Outcome outcome = Fixtures.client(server.uri()).writes()
          .grant("bob", GrantRequest.of("daily", Grants.currency("gems", 10)));

      assertThat(outcome.eventId()).isEqualTo("e7");
      assertThat(outcome.version()).isEqualTo(2);
      assertThat(server.received(EVENT)).hasSize(3)
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + Fixtures.KEY));
      assertThat(server.received(GRANTS)).as("the write itself is sent once").hasSize(1);
    }
  }

  @Test
  void aRejectionFoundByPollingThrowsAsTheWriteWould() {
    try (LocalServer server = new LocalServer()) {
      server.then(GRANTS, ACCEPTED)
          .then(EVENT, Reply.json(200, Fixtures.outcome("e7", "REJECTED", "ALREADY_OWNED", null, 5)));
      final GrantRequest grant = GrantRequest.of("daily", Grants.item("sword", 1));

      assertThatThrownBy(() -> Fixtures.client(server.uri()).writes().grant("bob", grant))
          .isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.ALREADY_OWNED);
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.idempotencyKey()).isEqualTo(grant.idempotencyKey());
          });
    }
  }

  @Test
  void aGatewayThatDoesNotServeTheEventIsReplacedByProjections() {
    try (LocalServer gateway = new LocalServer(); LocalServer projections = new LocalServer()) {
      gateway.then(GRANTS, ACCEPTED).then(EVENT, Reply.problem(404, "NOT_FOUND", ""));
      projections.then(EVENT, Reply.problem(404, "EVENT_NOT_FOUND", ""))
          .then(EVENT, Reply.json(200, Fixtures.applied("e7", 2)));

      final Outcome outcome = Fixtures.client(gateway.uri(), projections.uri()).writes()
          .grant("bob", GrantRequest.of("daily", Grants.currency("gems", 10)));

      assertThat(outcome.version()).isEqualTo(2);
      assertThat(gateway.received(EVENT)).hasSize(1);
      assertThat(projections.received(EVENT)).hasSize(2);
    }
  }

  @Test
  void anOutcomeThatNeverArrivesEndsInPendingWithTheEventAndKey() {
    try (LocalServer server = new LocalServer()) {
      server.then(GRANTS, ACCEPTED);
      for (int i = 0; i < 100; i++) {
        server.then(EVENT, Reply.problem(404, "EVENT_NOT_FOUND", ""));
      }
      final CofferClient client = CofferClient.builder().gateway(server.uri()).appId("demo").apiKey("k")
          .follow(new FollowPolicy(Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(50))).build();
      final GrantRequest grant = GrantRequest.of("daily", Grants.currency("gems", 10));

      assertThatThrownBy(() -> client.writes().grant("bob", grant))
          .isInstanceOfSatisfying(PendingException.class, e -> {
            assertThat(e.eventId()).isEqualTo("e7");
            assertThat(e.location().getPath()).isEqualTo(EVENT);
            assertThat(e.idempotencyKey()).isEqualTo(grant.idempotencyKey());
          });
      assertThat(server.received(EVENT).size()).isBetween(2, 20);
    }
  }

  @Test
  void withoutFollowingA202IsPendingAtOnce() {
    try (LocalServer server = new LocalServer()) {
      server.then(GRANTS, ACCEPTED);
      final CofferClient client = CofferClient.builder().gateway(server.uri()).appId("demo").apiKey("k")
          .follow(FollowPolicy.none()).build();

      assertThatThrownBy(() -> client.writes().grant("bob", GrantRequest.of("daily", Grants.currency("gems", 1))))
          .isInstanceOf(PendingException.class);
      assertThat(server.received(EVENT)).isEmpty();
    }
  }
}
