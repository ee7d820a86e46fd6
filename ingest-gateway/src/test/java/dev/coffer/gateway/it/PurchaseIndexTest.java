package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.Gateway;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.topics.CofferTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The purchase index store notifications find their player in: kept by the ledger in the compacted
 * {@code coffer.purchase-index}, served by projections over an internal endpoint, asked by the gateway.
 * It outlives the purchase log's retention, and a gateway starts without reading any history.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class PurchaseIndexTest {
  private static final String INTERNAL = "Bearer " + GatewayHarness.INTERNAL_TOKEN;

  private static Http projections(final GatewayHarness h) {
    return new Http(h.projections.port(), Http.PROJECTIONS);
  }

  private static String lookup(final GatewayHarness h, final String store, final String id) {
    return "/internal/v1/apps/" + h.app.appId + "/purchase-index/" + store + "/" + id;
  }

  private static Http.Response indexed(final GatewayHarness h, final String store, final String id) {
    return Await.value("projections index " + id, Duration.ofSeconds(60), () -> {
      final Http.Response r = projections(h).send("GET", lookup(h, store, id), null, null,
          Map.of("Authorization", INTERNAL));
      return r.status() == 404 ? Optional.empty() : Optional.of(r);
    });
  }

  @Test
  void projectionsAnswerWhosePurchaseItIsOnlyToTheInternalToken(final GatewayHarness h) {
    final String player = PurchasesTest.player();
    final String tx = TestApp.transactionId();
    final String eventId = PurchasesTest.buyAppleSword(h, player, TestApp.appleSword(tx)).body().get("eventId")
        .asText();
    // The index knows the purchase by its store ref, never by the store's own id.
    final String ref = h.app.app().pseudonyms().storeRef(Store.APPLE_APP_STORE, tx);

    final Http.Response found = indexed(h, "APPLE_APP_STORE", ref);
    final Http.Response byRawId = projections(h).send("GET", lookup(h, "APPLE_APP_STORE", tx), null, null,
        Map.of("Authorization", INTERNAL));
    final Http.Response noToken = projections(h).get(lookup(h, "APPLE_APP_STORE", ref), null);
    final Http.Response appKey = projections(h).get(lookup(h, "APPLE_APP_STORE", ref), TestApp.SERVER_KEY);
    final Http.Response badStore = projections(h).send("GET", lookup(h, "NOKIA", ref), null, null,
        Map.of("Authorization", INTERNAL));
    final Http.Response otherStore = projections(h).send("GET", lookup(h, "GOOGLE_PLAY", ref), null, null,
        Map.of("Authorization", INTERNAL));

    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    assertThat(byRawId.status()).isEqualTo(404);
    assertThat(found.body().get("playerRef").asText()).isEqualTo(Topics.submitted(h.stack).stream()
        .filter(e -> e.getEventId().toString().equals(eventId)).findFirst().orElseThrow().getPlayerRef());
    assertThat(found.body().get("transactionId").asText()).isEqualTo(ref);
    assertThat(found.body().get("productId").asText()).isEqualTo("sword_pack");
    assertThat(found.body().get("eventId").asText()).isEqualTo(eventId);
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(noToken.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(appKey.status()).as("an app key is not the internal token").isEqualTo(401);
    assertThat(badStore.status()).isEqualTo(400);
    assertThat(badStore.code()).isEqualTo("BAD_STORE");
    assertThat(otherStore.status()).isEqualTo(404);
    assertThat(otherStore.code()).isEqualTo("PURCHASE_NOT_INDEXED");
  }

  @Test
  void aRefundFindsItsPurchaseAfterThePurchaseLogExpiredThroughAGatewayStartedAfterwards(final GatewayHarness h)
      throws Exception {
    final String player = PurchasesTest.player();
    final String tx = TestApp.transactionId();
    PurchasesTest.buyAppleSword(h, player, TestApp.appleSword(tx));
    indexed(h, "APPLE_APP_STORE", h.app.app().pseudonyms().storeRef(Store.APPLE_APP_STORE, tx));

    // Retention passes: everything the purchase log held so far is gone.
    final var admin = h.stack.admin();
    final String log = CofferTopics.PURCHASE_LOG.name();
    final List<TopicPartition> partitions = admin.describeTopics(List.of(log)).allTopicNames().get().get(log)
        .partitions().stream().map(p -> new TopicPartition(log, p.partition())).toList();
    final Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
        .forEach((p, info) -> ends.put(p, info.offset()));
    admin.deleteRecords(ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> RecordsToDelete.beforeOffset(e.getValue())))).all().get();

    final Map<String, Object> body = h.app.appleRefundNotification(TestApp.appleSword(tx));
    try (Gateway fresh = h.startGateway(Map.of())) {
      final Http.Response refund = new Http(fresh.port()).post(h.path("/notifications/apple"), null, body);

      assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
      assertThat(refund.body().get("status").asText()).isEqualTo("APPLIED");
      assertThat(refund.body().get("instances").get(0).get("instance").get("status").asText()).isEqualTo("REVOKED");
    }
  }

  @Test
  void withoutProjectionsANotificationAboutAPurchaseIsRetriedNotLost(final GatewayHarness h) {
    final String tx = TestApp.transactionId();
    PurchasesTest.buyAppleSword(h, PurchasesTest.player(), TestApp.appleSword(tx));
    final Map<String, Object> body = h.app.appleRefundNotification(TestApp.appleSword(tx));
    // A gateway pointed at a port nothing listens on: projections are down.
    try (Gateway blind = h.startGateway(Map.of(dev.coffer.gateway.GatewayConfig.PROJECTIONS_URL,
        "http://127.0.0.1:" + GatewayHarness.freePort()))) {
      final Http.Response refund = new Http(blind.port()).post(h.path("/notifications/apple"), null, body);

      assertThat(refund.status()).as(refund.toString()).isEqualTo(503);
      assertThat(refund.code()).isEqualTo("PURCHASE_INDEX_UNAVAILABLE");
      assertThat(refund.retryAfter()).isNotNull();
    }
    // Nothing was recorded: the store's retry, once projections answer, applies the refund once.
    final Http.Response retried = Await.value("the retried refund", Duration.ofSeconds(60), () -> {
      final Http.Response r = h.http.post(h.path("/notifications/apple"), null, body);
      return "UNKNOWN_PURCHASE".equals(r.code()) ? Optional.empty() : Optional.of(r);
    });
    assertThat(retried.body().get("status").asText()).as(retried.toString()).isEqualTo("APPLIED");
  }
}
