package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.receipts.stripe.StripeSigner;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Web purchases through Stripe webhooks: signed deliveries become purchases, refunds and chargebacks. */
@Tag("integration")
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class StripePurchasesTest {
  private final String price = "price_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String product = "web-gems-" + price.substring(6);

  @BeforeAll
  void sellsGemsOnTheWeb(final GatewayHarness h) {
    final Http.Response r = h.withOptions().send("PUT", h.path("/catalog/products/" + product), TestApp.SERVER_KEY,
        Map.of("productType", "CONSUMABLE", "storeProductIds", Map.of("stripe", price),
            "grants", Map.of("currencies", Map.of("gems", 100))), Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static Http.Response deliver(final GatewayHarness h, final String body, final Instant signedAt) {
    return h.withOptions().send("POST", h.path("/notifications/stripe"), null, body,
        Map.of("Stripe-Signature", StripeSigner.header(body, TestApp.STRIPE_SECRET, signedAt)));
  }

  /** Delivers until the purchase index knows the purchase (Stripe retries a 422 likewise). */
  private static Http.Response deliverOnceRecorded(final GatewayHarness h, final String body) {
    return Await.value("the Stripe event finds its purchase", Duration.ofSeconds(60), () -> {
      final Http.Response r = deliver(h, body, Instant.now());
      return "UNKNOWN_PURCHASE".equals(r.code()) ? Optional.empty() : Optional.of(r);
    });
  }

  private static String checkoutSession(final String session, final String paymentIntent, final String player,
                                        final String sku, final int quantity, final long amount) {
    return "{\"id\":\"" + session
        + "\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"payment_status\":\"paid\","
        + "\"status\":\"complete\",\"amount_total\":" + amount + ",\"currency\":\"eur\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"client_reference_id\":\"" + player + "\",\"payment_intent\":\""
        + paymentIntent + "\",\"customer_details\":{\"address\":{\"country\":\"FR\"}},\"livemode\":false,"
        + "\"metadata\":{\"coffer_sku\":\"" + sku + "\",\"coffer_quantity\":\"" + quantity + "\"}}";
  }

  private static String paymentIntent(final String id, final String player, final String sku, final long amount) {
    return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"amount\":" + amount + ",\"amount_received\":"
        + amount + ",\"currency\":\"eur\",\"status\":\"succeeded\",\"created\":" + Instant.now().getEpochSecond()
        + ",\"livemode\":false,\"metadata\":{\"coffer_player_id\":\"" + player + "\",\"coffer_sku\":\"" + sku + "\"}}";
  }

  private static String ids(final String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  @Test
  void recordsACheckoutAsAPurchaseOnceWhateverEventsAnnounceIt(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final String pi = ids("pi_");
    final String checkout = StripeSigner.event(ids("evt_"), "checkout.session.completed",
        checkoutSession(ids("cs_"), pi, player, price, 2, 1998), null);
    final String succeeded = StripeSigner.event(ids("evt_"), "payment_intent.succeeded",
        paymentIntent(pi, player, price, 1998), null);

    final Http.Response bought = deliver(h, checkout, Instant.now());
    final Http.Response redelivered = deliver(h, checkout, Instant.now());
    final Http.Response intent = deliver(h, succeeded, Instant.now());

    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    assertThat(bought.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(bought.body().get("balances").get(0).get("delta").asLong()).isEqualTo(200);
    assertThat(redelivered.body().get("status").asText()).as(redelivered.toString()).isEqualTo("DUPLICATE");
    assertThat(intent.body().get("status").asText()).as(intent.toString()).isEqualTo("DUPLICATE");
    final PurchaseVerified recorded = Topics.submitted(h.stack).stream().map(e -> e.getPayload())
        .filter(p -> p instanceof PurchaseVerified v && v.getTransactionId().equals(h.app.ref(Store.STRIPE, pi)))
        .map(PurchaseVerified.class::cast).findFirst().orElseThrow();
    assertThat(recorded.getStore()).isEqualTo(Store.STRIPE);
    assertThat(recorded.getProductId()).isEqualTo(product);
    assertThat(recorded.getQuantity()).isEqualTo(2);
    assertThat(recorded.getPrice()).isEqualByComparingTo(new BigDecimal("19.98"));
    assertThat(recorded.getCurrency()).isEqualTo("EUR");
    assertThat(recorded.getCountry()).isEqualTo("FR");
    assertThat(recorded.getEnvironment()).isEqualTo(StoreEnvironment.SANDBOX);
  }

  @Test
  void refusesBadSignaturesStaleDeliveriesAndUnknownProducts(final GatewayHarness h) {
    final String body = StripeSigner.event(ids("evt_"), "payment_intent.succeeded",
        paymentIntent(ids("pi_"), PurchasesTest.player(), price, 500), null);
    final String unknown = StripeSigner.event(ids("evt_"), "payment_intent.succeeded",
        paymentIntent(ids("pi_"), PurchasesTest.player(), "price_nobody_sells", 500), null);
    final String noPlayer = StripeSigner.event(ids("evt_"), "payment_intent.succeeded",
        "{\"id\":\"" + ids("pi_") + "\",\"object\":\"payment_intent\",\"amount_received\":5,\"currency\":\"eur\","
            + "\"metadata\":{}}", null);

    final Http.Response forged = h.withOptions().send("POST", h.path("/notifications/stripe"), null, body,
        Map.of("Stripe-Signature", StripeSigner.header(body, "whsec_attacker_000000000", Instant.now())));
    final Http.Response stale = deliver(h, body, Instant.now().minusSeconds(600));
    final Http.Response unsigned = h.withOptions().send("POST", h.path("/notifications/stripe"), null, body, Map.of());
    final Http.Response notSold = deliver(h, unknown, Instant.now());
    final Http.Response ignored = deliver(h, noPlayer, Instant.now());
    final Http.Response disabled = h.http.send("POST", h.path("/notifications/stripe"), null, body,
        Map.of("Stripe-Signature", StripeSigner.header(body, TestApp.STRIPE_SECRET, Instant.now())));

    assertThat(forged.status()).as(forged.toString()).isEqualTo(422);
    assertThat(forged.code()).isEqualTo("BAD_SIGNATURE");
    assertThat(stale.code()).as(stale.toString()).isEqualTo("STALE_SIGNATURE");
    assertThat(unsigned.code()).as(unsigned.toString()).isEqualTo("MALFORMED_NOTIFICATION");
    assertThat(notSold.status()).as(notSold.toString()).isEqualTo(422);
    assertThat(notSold.code()).isEqualTo("UNKNOWN_PRODUCT");
    assertThat(ignored.body().get("status").asText()).as(ignored.toString()).isEqualTo("IGNORED");
    assertThat(disabled.code()).as(disabled.toString()).isEqualTo("STORE_DISABLED");
  }

  @Test
  void turnsAPartialRefundIntoTheUnitsItCoversAndADisputeIntoAChargeback(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final String refundedPi = ids("pi_");
    final String disputedPi = ids("pi_");
    assertThat(deliver(h, StripeSigner.event(ids("evt_"), "checkout.session.completed",
        checkoutSession(ids("cs_"), refundedPi, player, price, 3, 900), null), Instant.now()).status()).isEqualTo(200);
    assertThat(deliver(h, StripeSigner.event(ids("evt_"), "checkout.session.completed",
        checkoutSession(ids("cs_"), disputedPi, player, price, 1, 300), null), Instant.now()).status()).isEqualTo(200);
    final String refundEvent = ids("evt_");
    final String refund = StripeSigner.event(refundEvent, "charge.refunded", "{\"id\":\"" + ids("ch_")
        + "\",\"object\":\"charge\",\"amount\":900,\"amount_refunded\":300,\"refunded\":false,\"payment_intent\":\""
        + refundedPi + "\",\"currency\":\"eur\"}", "{\"amount_refunded\":0}");
    final String disputeEvent = ids("evt_");
    final String dispute = StripeSigner.event(disputeEvent, "charge.dispute.created", "{\"id\":\"" + ids("dp_")
        + "\",\"object\":\"dispute\",\"amount\":300,\"charge\":\"" + ids("ch_") + "\",\"payment_intent\":\""
        + disputedPi + "\",\"reason\":\"fraudulent\",\"status\":\"needs_response\"}", null);

    final Http.Response refunded = deliverOnceRecorded(h, refund);
    final Http.Response disputed = deliverOnceRecorded(h, dispute);
    final Http.Response refundAgain = deliver(h, refund, Instant.now());

    assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
    assertThat(disputed.status()).as(disputed.toString()).isEqualTo(200);
    assertThat(refundAgain.body().get("status").asText()).as(refundAgain.toString()).isEqualTo("DUPLICATE");
    final PurchaseRevoked partial = revocation(h, refundedPi);
    assertThat(partial.getReason()).isEqualTo(RevocationReason.REFUND);
    assertThat(partial.getQuantity()).isEqualTo(1L);
    final PurchaseRevoked chargeback = revocation(h, disputedPi);
    assertThat(chargeback.getReason()).isEqualTo(RevocationReason.CHARGEBACK);
    assertThat(chargeback.getQuantity()).isNull();
  }

  private static PurchaseRevoked revocation(final GatewayHarness h, final String transactionId) {
    return Topics.submitted(h.stack).stream().map(e -> e.getPayload())
        .filter(p -> p instanceof PurchaseRevoked r
            && r.getTransactionId().equals(h.app.ref(Store.STRIPE, transactionId)))
        .map(PurchaseRevoked.class::cast).findFirst().orElseThrow();
  }
}
