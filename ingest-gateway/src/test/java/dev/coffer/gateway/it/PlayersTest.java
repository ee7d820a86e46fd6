package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class PlayersTest {

  private static String key() {
    return "k-" + UUID.randomUUID();
  }

  @Test
  void grantsSpendsAndRefusesAnOverdraft(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final Http.Response grant = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "reason", "welcome", "grants",
            Map.of("currencies", Map.of("gems", 500), "items", Map.of("sword", 1))));
    final Http.Response spend = h.http.post(h.path("/players/" + player + "/spend"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "currency", "gems", "amount", 200, "reason", "shield"));
    final Http.Response overdraft = h.http.post(h.path("/players/" + player + "/spend"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "currency", "gems", "amount", 1000, "reason", "castle"));

    assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
    assertThat(grant.body().get("instances").get(0).get("instance").get("itemId").asText()).isEqualTo("sword");
    assertThat(spend.status()).as(spend.toString()).isEqualTo(200);
    assertThat(spend.body().get("balances").get(0).get("balance").asLong()).isEqualTo(300);
    assertThat(overdraft.status()).as(overdraft.toString()).isEqualTo(422);
    assertThat(overdraft.code()).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(overdraft.body().get("status").asInt()).isEqualTo(422);
    assertThat(overdraft.body().get("outcome").get("status").asText()).isEqualTo("REJECTED");
  }

  @Test
  void permanentItemIsGrantedOnceAndNeverConsumed(final GatewayHarness h) {
    // sword is permanent in the test catalog (consumable: false): the gateway resolves that into the grant.
    final String player = PurchasesTest.player();
    final Http.Response first = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "reason", "quest", "grants", Map.of("items", Map.of("sword", 1))));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    final String instanceId = first.body().get("instances").get(0).get("instance").get("instanceId").asText();
    assertThat(first.body().get("instances").get(0).get("instance").get("consumable").asBoolean()).isFalse();

    final Http.Response second = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "reason", "quest", "grants", Map.of("items", Map.of("sword", 1))));
    final Http.Response two = h.http.post(h.path("/players/" + PurchasesTest.player() + "/grants"),
        TestApp.SERVER_KEY, Map.of("idempotencyKey", key(), "reason", "quest", "grants",
            Map.of("items", Map.of("sword", 2))));
    final Http.Response consumed = h.http.post(h.path("/players/" + player + "/items/" + instanceId + "/consume"),
        TestApp.SERVER_KEY, Map.of("idempotencyKey", key(), "itemId", "sword"));

    assertThat(second.status()).as(second.toString()).isEqualTo(409);
    assertThat(second.code()).isEqualTo("ALREADY_OWNED");
    assertThat(second.body().get("outcome").get("status").asText()).isEqualTo("REJECTED");
    assertThat(two.status()).as(two.toString()).isEqualTo(422);
    assertThat(two.code()).isEqualTo("NON_CONSUMABLE_QUANTITY");
    assertThat(consumed.status()).as(consumed.toString()).isEqualTo(422);
    assertThat(consumed.code()).isEqualTo("NOT_CONSUMABLE");
  }

  @Test
  void consumesAnItemAndCreditsItsOnConsumeGrants(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final Http.Response bought = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(player,
        "test", "potions", Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "potions"))));
    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    final String instanceId = bought.body().get("instances").get(0).get("instance").get("instanceId").asText();

    final Http.Response consumed = h.http.post(h.path("/players/" + player + "/items/" + instanceId + "/consume"),
        TestApp.SERVER_KEY, Map.of("idempotencyKey", key(), "quantity", 1, "itemId", "potion"));
    final Http.Response notOwned = h.http.post(h.path("/players/" + player + "/items/nope-1/consume"),
        TestApp.SERVER_KEY, Map.of("idempotencyKey", key(), "itemId", "potion"));
    // Another item's onConsume grants are never credited for this instance.
    final Http.Response otherItem = h.http.post(h.path("/players/" + player + "/items/" + instanceId + "/consume"),
        TestApp.SERVER_KEY, Map.of("idempotencyKey", key(), "itemId", "sword"));
    final Http.Response noItem = h.http.post(h.path("/players/" + player + "/items/" + instanceId + "/consume"),
        TestApp.SERVER_KEY, Map.of("idempotencyKey", key()));

    assertThat(consumed.status()).as(consumed.toString()).isEqualTo(200);
    assertThat(consumed.body().get("instances").get(0).get("instance").get("quantity").asLong()).isEqualTo(2);
    assertThat(consumed.body().get("balances").toString()).contains("\"hp\"");
    assertThat(notOwned.status()).as(notOwned.toString()).isEqualTo(422);
    assertThat(notOwned.code()).isEqualTo("NOT_OWNED");
    assertThat(otherItem.status()).as(otherItem.toString()).isEqualTo(422);
    assertThat(otherItem.code()).isEqualTo("ITEM_MISMATCH");
    assertThat(noItem.status()).as(noItem.toString()).isEqualTo(400);
    assertThat(noItem.code()).isEqualTo("MISSING_FIELD");
  }

  @Test
  void givesOneAppliedAnd49DuplicatesForFiftyConcurrentRetries(final GatewayHarness h) throws Exception {
    final String player = PurchasesTest.player();
    final Map<String, Object> body = Map.of("idempotencyKey", key(), "reason", "daily",
        "grants", Map.of("currencies", Map.of("coins", 7)));
    final List<Future<Http.Response>> sent = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        sent.add(pool.submit(() -> h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY, body)));
      }
    }
    final List<Http.Response> responses = new ArrayList<>();
    for (final Future<Http.Response> f : sent) {
      responses.add(f.get());
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    final Map<String, Long> statuses = responses.stream()
        .collect(Collectors.groupingBy(r -> r.body().get("status").asText(), Collectors.counting()));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("APPLIED", 1L, "DUPLICATE", 49L));
    // Every request submitted its own event; the 49 duplicates name the one that was applied.
    assertThat(responses.stream().map(r -> r.body().get("eventId").asText()).distinct()).hasSize(50);
    assertThat(responses.stream().filter(r -> r.body().get("status").asText().equals("DUPLICATE"))
        .map(r -> r.body().get("originalEventId").asText()).distinct()).hasSize(1);
    assertThat(responses).allSatisfy(r -> assertThat(balance(r.body(), "coins")).isEqualTo(7));
  }

  private static long balance(final JsonNode body, final String currency) {
    return StreamSupport.stream(body.get("balances").spliterator(), false)
        .filter(b -> b.get("currency").asText().equals(currency)).findFirst().orElseThrow().get("balance").asLong();
  }

  @Test
  void erasesAPlayerOnceAndALaterRequestStartsANewUnlinkedPlayer(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final Http.Response granted = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "reason", "r", "grants", Map.of("currencies", Map.of("gems", 1))));
    final String oldRef = Topics.submitted(h.stack).stream()
        .filter(e -> e.getEventId().toString().equals(granted.body().get("eventId").asText()))
        .findFirst().orElseThrow().getPlayerRef();

    final Http.Response erased = h.http.send("DELETE", h.path("/players/" + player + "?reason=ticket-42"),
        TestApp.SERVER_KEY, null, Map.of());
    final Http.Response again = h.http.send("DELETE", h.path("/players/" + player + "?reason=ticket-42"),
        TestApp.SERVER_KEY, null, Map.of());
    final Http.Response nobody = h.http.send("DELETE", h.path("/players/" + PurchasesTest.player()),
        TestApp.SERVER_KEY, null, Map.of());
    final Http.Response afterwards = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", key(), "reason", "r", "grants", Map.of("currencies", Map.of("gems", 5))));

    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(erased.body().get("result").asText()).isEqualTo("erased");
    assertThat(again.body().get("result").asText()).as(again.toString()).isEqualTo("no_op_already_erased");
    assertThat(nobody.body().get("result").asText()).as(nobody.toString()).isEqualTo("no_op_never_existed");
    // The same external id is a new player: version 1, only the new grant, another ref.
    assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(200);
    assertThat(afterwards.body().get("status").asText()).isEqualTo("APPLIED");
    assertThat(afterwards.body().get("version").asLong()).isEqualTo(1);
    assertThat(balance(afterwards.body(), "gems")).isEqualTo(5);
    final String newRef = Topics.submitted(h.stack).stream()
        .filter(e -> e.getEventId().toString().equals(afterwards.body().get("eventId").asText()))
        .findFirst().orElseThrow().getPlayerRef();
    assertThat(newRef).isNotEqualTo(oldRef);
    // The erased player's data key is marked for destruction, with the external id sealed under it.
    final PlayerDataKey marked = Topics.playerKeys(h.stack).stream()
        .filter(k -> k != null && k.getPlayerRef().equals(oldRef) && k.getErasedAt() != null)
        .findFirst().orElseThrow();
    assertThat(marked.getErasureEventId()).isEqualTo(erased.body().get("eventId").asText());
    assertThat(marked.getEncryptedExternalId()).isNotNull();
  }

  @Test
  void aCallersIdempotencyKeyErasureNeverBlocksTheErasure(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final Http.Response granted = h.http.post(h.path("/players/" + player + "/grants"), TestApp.SERVER_KEY,
        Map.of("idempotencyKey", "erasure", "reason", "r", "grants", Map.of("currencies", Map.of("gems", 1))));

    final Http.Response erased = h.http.send("DELETE", h.path("/players/" + player), TestApp.SERVER_KEY, null,
        Map.of());

    assertThat(granted.body().get("status").asText()).as(granted.toString()).isEqualTo("APPLIED");
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(erased.body().get("result").asText()).isEqualTo("erased");
  }
}
