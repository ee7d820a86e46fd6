package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.client.LocalServer.Reply;
import dev.coffer.client.model.OutcomeStatus;
import dev.coffer.client.model.PurchaseRequest;
import dev.coffer.client.model.RejectionReason;
import dev.coffer.client.model.SpendRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Problem answers become typed exceptions carrying code, status, detail and the outcome. */
@Timeout(30)
class ProblemMappingTest {
  private static final String SPEND = "/v1/apps/demo/players/alice/spend";
  private static final String PURCHASES = "/v1/apps/demo/purchases";

  @Test
  void aLedgerRejectionIsARejectedExceptionWithItsReasonAndOutcome() {
    try (LocalServer server = new LocalServer()) {
      server.then(SPEND, Reply.problem(422, "INSUFFICIENT_FUNDS",
          ",\"outcome\":" + Fixtures.outcome("e9", "REJECTED", "INSUFFICIENT_FUNDS", null, 4), "X-Request-Id", "rq-1"));
      final SpendRequest spend = SpendRequest.of("gems", 500, "sword");

      assertThatThrownBy(() -> Fixtures.client(server.uri()).writes().spend("alice", spend))
          .isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
            assertThat(e.code()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.detail()).isEqualTo("detail of INSUFFICIENT_FUNDS");
            assertThat(e.outcome().eventId()).isEqualTo("e9");
            assertThat(e.outcome().status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(e.outcome().version()).isEqualTo(4);
            assertThat(e.idempotencyKey()).isEqualTo(spend.idempotencyKey());
            assertThat(e.requestId()).isEqualTo("rq-1");
          });
      assertThat(server.received(SPEND)).as("a rejection is not retried").hasSize(1);
    }
  }

  @Test
  void aDuplicateOfARejectionIsRejectedToo() {
    try (LocalServer server = new LocalServer()) {
      server.then(SPEND, Reply.problem(422, "INSUFFICIENT_FUNDS",
          ",\"outcome\":" + Fixtures.outcome("e10", "DUPLICATE", "INSUFFICIENT_FUNDS", "REJECTED", 4)));

      assertThatThrownBy(() -> Fixtures.client(server.uri()).writes().spend("alice", SpendRequest.of("gems", 5, "x")))
          .isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.outcome().duplicate()).isTrue();
            assertThat(e.outcome().rejected()).isTrue();
          });
    }
  }

  @Test
  void aReasonNewerThanTheSdkIsUnknownWithItsCodeKept() {
    try (LocalServer server = new LocalServer()) {
      server.then(SPEND, Reply.problem(409, "SOMETHING_NEW",
          ",\"outcome\":" + Fixtures.outcome("e11", "REJECTED", "SOMETHING_NEW", null, 4)));

      assertThatThrownBy(() -> Fixtures.client(server.uri()).writes().spend("alice", SpendRequest.of("gems", 5, "x")))
          .isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.UNKNOWN);
            assertThat(e.code()).isEqualTo("SOMETHING_NEW");
            assertThat(e.status()).isEqualTo(409);
          });
    }
  }

  @Test
  void aReceiptRefusalIsAProblemWithoutOutcome() {
    try (LocalServer server = new LocalServer()) {
      server.then(PURCHASES, Reply.problem(422, "BAD_SIGNATURE", ""));

      assertThatThrownBy(() -> Fixtures.client(server.uri()).writes().purchase(
          PurchaseRequest.googlePlay("alice", "{}", "sig").build()))
          .isExactlyInstanceOf(ProblemException.class)
          .satisfies(t -> {
            final ProblemException e = (ProblemException) t;
            assertThat(e.code()).isEqualTo("BAD_SIGNATURE");
            assertThat(e.outcome()).isNull();
            assertThat(e.idempotencyKey()).as("a purchase is keyed by its receipt").isNull();
          });
      assertThat(server.received(PURCHASES).get(0).body()).contains("\"store\":\"google_play\"")
          .contains("\"purchaseData\":\"{}\"").contains("\"signature\":\"sig\"");
    }
  }

  @Test
  void authenticationFailuresAndNonProblemAnswersKeepTheirStatus() {
    try (LocalServer server = new LocalServer()) {
      server.then(SPEND, Reply.problem(401, "UNAUTHENTICATED", "", "WWW-Authenticate", "Bearer realm=\"coffer\""))
          .then(SPEND, new Reply(502, java.util.List.of("Content-Type", "text/html"), "<html>bad gateway</html>"));
      final CofferClient client = Fixtures.client(server.uri());

      assertThatThrownBy(() -> client.writes().spend("alice", SpendRequest.of("gems", 5, "x")))
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("UNAUTHENTICATED");
          });
      assertThatThrownBy(() -> client.writes().spend("alice", SpendRequest.of("gems", 5, "x")))
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.code()).isNull();
            assertThat(e.body().isObject()).isTrue();
          });
    }
  }

  @Test
  void aPlayerTokenIsSentWithAClientKey() {
    try (LocalServer server = new LocalServer()) {
      server.then(PURCHASES, Reply.json(200, Fixtures.applied("e1", 1)));
      Fixtures.client(server.uri()).withPlayerToken("pt1.a.b.c.d").writes()
          .purchase(PurchaseRequest.testStore("alice", "signed").productId("gems_100").build());
      assertThat(server.received(PURCHASES).get(0).header("X-Player-Token")).isEqualTo("pt1.a.b.c.d");
    }
  }
}
