package dev.coffer.gateway.receipts.stripe;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.gateway.receipts.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeWebhooksTest {
  private static final String SECRET = "whsec_test_0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final StripeWebhooks WEBHOOKS = new StripeWebhooks(
      new StripeSettings(List.of(SECRET), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));
  private static final String BODY = StripeSigner.event("evt_1", "payment_intent.succeeded",
      "{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"amount_received\":499,\"currency\":\"eur\","
          + "\"metadata\":{\"coffer_player_id\":\"alice\",\"coffer_sku\":\"price_1\"}}", null);

  @Test
  void readsAnEventWhoseSignatureHoldsWithinTheTolerance() throws Exception {
    final StripeEvent event = WEBHOOKS.verify(BODY, StripeSigner.header(BODY, SECRET, NOW.minusSeconds(299)));

    assertThat(event.id()).isEqualTo("evt_1");
    assertThat(event.type()).isEqualTo("payment_intent.succeeded");
    assertThat(event.livemode()).isFalse();
    assertThat(event.object().path("metadata").path("coffer_sku").asText()).isEqualTo("price_1");
    assertThat(event.previousAttributes()).isNull();
  }

  @Test
  void refusesAnotherSecretATamperedBodyAndAMissingHeader() {
    final String other = StripeSigner.header(BODY, "whsec_other_secret_000000", NOW);

    assertRejected(() -> WEBHOOKS.verify(BODY, other), RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> WEBHOOKS.verify(BODY.replace("499", "1"), StripeSigner.header(BODY, SECRET, NOW)),
        RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> WEBHOOKS.verify(BODY, "garbage"), RejectionCode.BAD_SIGNATURE);
    assertRejected(() -> WEBHOOKS.verify(BODY, null), RejectionCode.MALFORMED_NOTIFICATION);
  }

  @Test
  void refusesASignatureOlderThanTheTolerance() {
    assertRejected(() -> WEBHOOKS.verify(BODY, StripeSigner.header(BODY, SECRET, NOW.minusSeconds(301))),
        RejectionCode.STALE_SIGNATURE, "300");
  }

  @Test
  void acceptsAnyOfSeveralSignaturesAndAnyOfSeveralSecrets() throws Exception {
    final long t = NOW.getEpochSecond();
    final String rotated = "t=" + t + ",v1=" + StripeSigner.v1(BODY, "whsec_new_secret_00000000", t) + ",v1="
        + StripeSigner.v1(BODY, SECRET, t);
    final StripeWebhooks rolling = new StripeWebhooks(new StripeSettings(List.of("whsec_next_0000000000", SECRET),
        Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(WEBHOOKS.verify(BODY, rotated).id()).isEqualTo("evt_1");
    assertThat(rolling.verify(BODY, StripeSigner.header(BODY, SECRET, NOW)).id()).isEqualTo("evt_1");
  }

  @Test
  void refusesABodyThatIsNoEventEvenWhenSigned() {
    assertRejected(() -> WEBHOOKS.verify("not json", StripeSigner.header("not json", SECRET, NOW)),
        RejectionCode.MALFORMED_NOTIFICATION);
    assertRejected(() -> WEBHOOKS.verify("[1]", StripeSigner.header("[1]", SECRET, NOW)),
        RejectionCode.MALFORMED_NOTIFICATION);
    final String noObject = "{\"id\":\"evt_2\",\"object\":\"event\",\"type\":\"x\",\"created\":1,\"data\":{}}";
    assertRejected(() -> WEBHOOKS.verify(noObject, StripeSigner.header(noObject, SECRET, NOW)),
        RejectionCode.MALFORMED_NOTIFICATION);
  }
}
