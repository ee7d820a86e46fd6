package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.Apps;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.Gateway;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.catalog.CatalogRecord;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.topics.CofferTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product a purchase buys comes from the store product id (SKU) in the signed receipt, never from the
 * client's productId; and no catalog may give one SKU of a store to two products.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class ProductFromReceiptTest {

  private static String unique(final String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void resolvesTheProductFromTheReceiptAndTakesTheClientsProductIdOnlyAsACrossCheck(final GatewayHarness h) {
    final Map<String, Object> noProductId = PurchasesTest.purchase(PurchasesTest.player(), "test", null,
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "sword_pack")));
    final Map<String, Object> namesAnother = PurchasesTest.purchase(PurchasesTest.player(), "test", "gems_100",
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "sword_pack")));
    final Map<String, Object> unknownSku = PurchasesTest.purchase(PurchasesTest.player(), "test", null,
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), "no-such-sku")));

    final Http.Response bought = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, noProductId);
    final Http.Response mismatch = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, namesAnother);
    final Http.Response unknown = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, unknownSku);

    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    assertThat(bought.body().get("instances").get(0).get("instance").get("productId").asText()).isEqualTo("sword_pack");
    assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(422);
    assertThat(mismatch.code()).isEqualTo("PRODUCT_MISMATCH");
    assertThat(mismatch.body().get("detail").asText()).contains("sword_pack", "gems_100");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo("UNKNOWN_PRODUCT");
  }

  @Test
  void refusesACatalogWriteThatGivesAStoreProductIdToASecondProduct(final GatewayHarness h) {
    final String rich = unique("rich");
    final Http.Response put = h.http.send("PUT", h.path("/catalog/products/" + rich), TestApp.SERVER_KEY,
        Map.of("productType", "CONSUMABLE", "storeProductIds", Map.of("test", "gems_100"),
            "grants", Map.of("currencies", Map.of("gems", 100_000))), Map.of());
    final Http.Response imported = h.http.send("POST", h.path("/catalog/import"), TestApp.SERVER_KEY,
        Map.of("products", List.of(
            Map.of("productId", unique("a"), "productType", "CONSUMABLE", "storeProductIds", Map.of("test", "x-1"),
                "grants", Map.of("currencies", Map.of("gems", 1))),
            Map.of("productId", unique("b"), "productType", "CONSUMABLE", "storeProductIds", Map.of("test", "x-1"),
                "grants", Map.of("currencies", Map.of("gems", 2))))), Map.of());
    final Http.Response read = h.http.get(h.path("/catalog/products/" + rich), TestApp.SERVER_KEY);

    assertThat(put.status()).as(put.toString()).isEqualTo(409);
    assertThat(put.code()).isEqualTo("DUPLICATE_STORE_PRODUCT_ID");
    assertThat(put.body().get("detail").asText()).contains("gems_100", rich, "test");
    assertThat(imported.status()).as(imported.toString()).isEqualTo(409);
    assertThat(imported.code()).isEqualTo("DUPLICATE_STORE_PRODUCT_ID");
    assertThat(read.status()).as("nothing was written").isEqualTo(404);
  }

  @Test
  void refusesAPurchaseWhoseStoreProductIdTwoProductsShareInsteadOfPickingOne(final GatewayHarness h) {
    // A catalog written before the rule (or by two gateways racing) can still hold a shared SKU.
    final String sku = unique("shared-sku");
    final String cheap = unique("cheap");
    final String rich = unique("rich");
    final String appleSku = unique("com.example.shared");
    writeDirectly(h, product(cheap, Map.of("test", sku, "apple_app_store", appleSku), 1));
    writeDirectly(h, product(rich, Map.of("test", sku, "apple_app_store", appleSku), 1_000_000));
    final Map<String, Object> body = PurchasesTest.purchase(PurchasesTest.player(), "test", rich,
        Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), sku)));

    final Http.Response refused = Await.value("the gateway's catalog has both products", Duration.ofSeconds(60),
        () -> {
          final Http.Response r = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, body);
          return "AMBIGUOUS_STORE_PRODUCT".equals(r.code()) ? Optional.of(r) : Optional.empty();
        });

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("detail").asText()).contains(cheap, rich, sku);
  }

  @Test
  void refusesARenewalWhoseStoreProductIdTwoProductsShareInsteadOfPickingOne(final GatewayHarness h) {
    final String sku = unique("com.example.sub");
    final String first = unique("sub");
    final Http.Response created = h.http.send("PUT", h.path("/catalog/products/" + first), TestApp.SERVER_KEY,
        Map.of("productType", "SUBSCRIPTION", "storeProductIds", Map.of("apple_app_store", sku),
            "grants", Map.of("currencies", Map.of("gems", 10))), Map.of());
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    final String original = TestApp.transactionId();
    final Map<String, Object> tx = TestApp.appleSubscription(original, original,
        Instant.now().plus(Duration.ofDays(30)));
    tx.put("productId", sku);
    final Http.Response bought = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        PurchasesTest.player(), "apple_app_store", first, Map.of("signedTransaction", h.app.apple.sign(tx))));
    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    final String second = unique("sub-rich");
    writeDirectly(h, product(second, Map.of("apple_app_store", sku), 1_000_000));
    final Map<String, Object> renewal = TestApp.appleSubscription(TestApp.transactionId(), original,
        Instant.now().plus(Duration.ofDays(60)));
    renewal.put("productId", sku);
    final Map<String, Object> notification = Map.of("signedPayload",
        h.app.apple.sign(TestApp.appleNotification("DID_RENEW", null, h.app.apple.sign(renewal))));

    final Http.Response refused = Await.value("the renewal meets both products", Duration.ofSeconds(60), () -> {
      final Http.Response r = h.http.post(h.path("/notifications/apple"), null, notification);
      return "AMBIGUOUS_STORE_PRODUCT".equals(r.code()) ? Optional.of(r) : Optional.empty();
    });

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("detail").asText()).contains(first, second);
  }

  @Test
  void refusesToStartWhenTheAppsFileWouldGiveACatalogProductsStoreProductIdToAnother(final GatewayHarness h) {
    final String appId = h.stack.uniqueName("clash").replaceAll("[^a-z0-9-]", "");
    writeDirectly(h, appId, product("existing", Map.of("google_play", "gems"), 1));
    final Apps apps = Apps.parse(
        """
            apps:
              - appId: %s
                keys: [{label: server, role: server, sha256: %s}]
                pseudonymKey: it-pseudonym-key-0123456789abcdef0123
                playerTokenSecret: it-player-token-secret-0123456789abcdef
                catalog:
                  products:
                    - {productId: newcomer, productType: CONSUMABLE, storeProductIds: {google_play: gems}, grants: {currencies: {gems: 9}}}
            """
            .formatted(appId, ApiKeys.sha256Hex("clash-key-" + UUID.randomUUID())), Path.of("."), name -> null);

    assertThatThrownBy(() -> {
      try (Gateway ignored = GatewayHarness.startGateway(h.stack.bootstrapServers(), h.stack.registryUrl(),
          apps, Map.of())) {
        // Started: the test fails below.
      }
    }).isInstanceOf(AppsConfigException.class)
        .hasMessageContaining("existing").hasMessageContaining("newcomer").hasMessageContaining("google_play");
  }

  private static Product product(final String id, final Map<String, String> skus, final long gems) {
    return Product.newBuilder().setProductId(id).setProductType(ProductType.CONSUMABLE)
        .setStoreProductIds(new HashMap<>(skus))
        .setGrants(Grants.newBuilder().setCurrencies(new HashMap<>(Map.of("gems", gems))).setItems(List.of()).build())
        .build();
  }

  private static void writeDirectly(final GatewayHarness h, final Product product) {
    writeDirectly(h, h.app.appId, product);
  }

  private static void writeDirectly(final GatewayHarness h, final String appId, final Product product) {
    final CatalogRecord record = CatalogRecord.newBuilder().setAppId(appId).setUpdatedAt(Instant.now())
        .setEntry(product).build();
    try (RestSchemaRegistry registry = new RestSchemaRegistry(h.stack.registryUrl());
        KafkaProducer<String, CatalogRecord> producer = new KafkaProducer<>(h.stack.producerConfig(),
            new StringSerializer(), new AvroSerde<>(registry, CatalogRecord.class, false).serializer())) {
      producer.send(new ProducerRecord<>(CofferTopics.CATALOG.name(),
          appId + "|product|" + product.getProductId(), record)).get();
    } catch (final Exception e) {
      throw new AssertionError("writing the catalog record failed", e);
    }
  }
}
