package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.topics.CofferTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class BadInputTest {
  /** The topics the gateway writes: nothing may land there for a refused request. */
  private static final List<String> WRITTEN = List.of(CofferTopics.LEDGER_EVENTS.name(),
      CofferTopics.LEDGER_SEQUENCE.name(), CofferTopics.CATALOG.name(),
      CofferTopics.PLAYER_KEYS.name());

  private record Case(String name, Http.Response response, int status, String code) {
  }

  @Test
  void answersEveryBadInputWithItsStatusAndCodeAndRecordsNothing(final GatewayHarness h) {
    final Map<TopicPartition, Long> before = Topics.ends(h.stack, WRITTEN);
    final String player = "p-" + UUID.randomUUID();
    final String grants = h.path("/players/" + player + "/grants");
    final String spend = h.path("/players/" + player + "/spend");
    final Map<String, Object> goodGrant = Map.of("idempotencyKey", "k1", "reason", "r",
        "grants", Map.of("currencies", Map.of("gems", 1)));
    final List<Case> cases = new ArrayList<>();
    final Http http = h.http;
    final String server = TestApp.SERVER_KEY;

    cases.add(new Case("unknown app", http.post("/v1/apps/no-such-app/players/p/grants", server, goodGrant),
        404, "UNKNOWN_APP"));
    cases.add(new Case("no key", http.post(grants, null, goodGrant), 401, "UNAUTHENTICATED"));
    cases.add(new Case("wrong key", http.post(grants, "not-a-key", goodGrant), 401, "UNAUTHENTICATED"));
    cases.add(new Case("client key on a server endpoint", http.post(grants, TestApp.CLIENT_KEY, goodGrant),
        403, "KEY_NOT_ALLOWED"));
    cases.add(new Case("not JSON", http.post(grants, server, "{\"idempotencyKey\": "), 400, "MALFORMED_BODY"));
    cases.add(new Case("not an object", http.post(grants, server, "[1,2]"), 400, "MALFORMED_BODY"));
    cases.add(new Case("duplicate JSON key", http.post(spend, server,
        "{\"idempotencyKey\":\"a\",\"idempotencyKey\":\"b\",\"currency\":\"gems\",\"amount\":1,\"reason\":\"r\"}"),
        400, "MALFORMED_BODY"));
    cases.add(new Case("unknown field", http.post(spend, server, Map.of("idempotencyKey", "k", "currency", "gems",
        "amount", 1, "reason", "r", "colour", "red")), 400, "UNKNOWN_FIELD"));
    cases.add(new Case("missing idempotency key", http.post(spend, server,
        Map.of("currency", "gems", "amount", 1, "reason", "r")), 400, "MISSING_FIELD"));
    cases.add(new Case("idempotency key with a bar", http.post(spend, server,
        Map.of("idempotencyKey", "a|b", "currency", "gems", "amount", 1, "reason", "r")), 400, "INVALID_FIELD"));
    cases.add(new Case("negative amount", http.post(spend, server,
        Map.of("idempotencyKey", "k", "currency", "gems", "amount", -5, "reason", "r")), 400, "INVALID_FIELD"));
    cases.add(new Case("zero amount", http.post(spend, server,
        Map.of("idempotencyKey", "k", "currency", "gems", "amount", 0, "reason", "r")), 400, "INVALID_FIELD"));
    cases.add(new Case("amount out of range", http.post(spend, server,
        Map.of("idempotencyKey", "k", "currency", "gems", "amount", 1_000_000_000_001L, "reason", "r")),
        400, "INVALID_FIELD"));
    cases.add(new Case("fractional amount", http.post(spend, server,
        "{\"idempotencyKey\":\"k\",\"currency\":\"gems\",\"amount\":1.5,\"reason\":\"r\"}"), 400, "INVALID_FIELD"));
    cases.add(new Case("reason too long", http.post(spend, server,
        Map.of("idempotencyKey", "k", "currency", "gems", "amount", 1, "reason", "x".repeat(201))),
        400, "INVALID_FIELD"));
    cases.add(new Case("empty grant", http.post(grants, server,
        Map.of("idempotencyKey", "k", "reason", "r", "grants", Map.of())), 400, "INVALID_FIELD"));
    cases.add(new Case("unknown item", http.post(grants, server,
        Map.of("idempotencyKey", "k", "reason", "r", "grants", Map.of("items", Map.of("dragon", 1)))),
        422, "UNKNOWN_ITEM"));
    cases.add(new Case("player id with a control character", http.post(h.path("/players/a%01b/grants"), server,
        goodGrant), 400, "INVALID_FIELD"));
    cases.add(new Case("instance id with a bar", http.post(h.path("/players/p/items/a%7Cb/consume"), server,
        Map.of("idempotencyKey", "k", "itemId", "potion")), 400, "INVALID_FIELD"));
    cases.add(new Case("body too large", http.post(grants, server, "{\"reason\":\"" + "x".repeat(70_000) + "\"}"),
        413, "BODY_TOO_LARGE"));
    cases.add(new Case("wrong content type", http.send("POST", grants, server, "a=b",
        Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "UNSUPPORTED_MEDIA_TYPE"));

    final Map<String, Object> purchase = PurchasesTest.purchase(player, "test", "gems_100",
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "gems_100")));
    cases.add(new Case("unknown store", http.post(h.path("/purchases"), server, with(purchase, "store", "steam")),
        400, "INVALID_FIELD"));
    cases.add(new Case("bad currency code", http.post(h.path("/purchases"), server,
        with(with(purchase, "price", "0.99"), "currency", "usd")), 400, "INVALID_FIELD"));
    cases.add(new Case("price without currency", http.post(h.path("/purchases"), server,
        with(purchase, "price", "0.99")), 400, "INVALID_FIELD"));
    cases.add(new Case("negative price", http.post(h.path("/purchases"), server,
        with(with(purchase, "price", "-1"), "currency", "USD")), 400, "INVALID_FIELD"));
    cases.add(new Case("bad country code", http.post(h.path("/purchases"), server, with(purchase, "country", "XX")),
        400, "INVALID_FIELD"));
    cases.add(new Case("receipt for a store product id no product has", http.post(h.path("/purchases"), server,
        with(purchase, "receipt", Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "nothing")))),
        422, "UNKNOWN_PRODUCT"));
    cases.add(new Case("productId other than the receipt's product", http.post(h.path("/purchases"), server,
        with(purchase, "productId", "sword_pack")), 422, "PRODUCT_MISMATCH"));
    cases.add(new Case("product not sold in the store", http.post(h.path("/purchases"), server,
        PurchasesTest.purchase(player, "test", "vip", Map.of("signedReceipt",
            h.app.testReceipt(TestApp.transactionId(), "nothing")))), 422, "PRODUCT_NOT_IN_STORE"));
    cases.add(new Case("product id shared with another product", http.send("PUT", h.path("/catalog/products/copy"),
        server, Map.of("productType", "CONSUMABLE", "storeProductIds", Map.of("test", "gems_100"),
            "grants", Map.of("currencies", Map.of("gems", 1))), Map.of()), 409, "DUPLICATE_STORE_PRODUCT_ID"));
    cases.add(new Case("malformed receipt", http.post(h.path("/purchases"), server,
        with(purchase, "receipt", Map.of("signedReceipt", "garbage"))), 400, "MALFORMED_RECEIPT"));
    cases.add(new Case("receipt of the wrong shape", http.post(h.path("/purchases"), server,
        with(purchase, "receipt", Map.of("signedTransaction", "x"))), 400, "UNKNOWN_FIELD"));
    cases.add(new Case("too many migrate rows", http.post(h.path("/migrate/wallets"), server,
        Map.of("rows", java.util.Collections.nCopies(1001, Map.of("playerId", "p", "currency", "gems", "amount", 1)))),
        400, "TOO_MANY_ROWS"));
    cases.add(new Case("unknown migrate kind", http.post(h.path("/migrate/guilds"), server,
        Map.of("rows", List.of())), 404, "NOT_FOUND"));
    cases.add(new Case("google push without the token", http.post(h.path("/notifications/google?token=wrong"),
        null, Map.of("message", Map.of())), 403, "NOTIFICATION_TOKEN_INVALID"));
    cases.add(new Case("apple notification that is no JWS", http.post(h.path("/notifications/apple"), null,
        Map.of("signedPayload", "garbage")), 400, "MALFORMED_NOTIFICATION"));
    cases.add(new Case("catalog product with a bad type", http.send("PUT", h.path("/catalog/products/x"), server,
        Map.of("productType", "GADGET", "grants", Map.of("currencies", Map.of("g", 1))), Map.of()),
        400, "INVALID_FIELD"));
    cases.add(new Case("unknown route", http.get(h.path("/nothing-here"), server), 404, "NOT_FOUND"));

    assertThat(cases).allSatisfy(c -> {
      assertThat(c.response().status()).as(c.name() + ": " + c.response()).isEqualTo(c.status());
      assertThat(c.response().code()).as(c.name() + ": " + c.response()).isEqualTo(c.code());
      assertThat(c.response().contentType()).as(c.name()).startsWith("application/problem+json");
      assertThat(c.response().body().get("status").asInt()).as(c.name()).isEqualTo(c.status());
    });
    assertThat(Topics.ends(h.stack, WRITTEN)).as("nothing was written").isEqualTo(before);
  }

  private static Map<String, Object> with(final Map<String, Object> body, final String key, final Object value) {
    final Map<String, Object> copy = new HashMap<>(body);
    copy.put(key, value);
    return copy;
  }
}
