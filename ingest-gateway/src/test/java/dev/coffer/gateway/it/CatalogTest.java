package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class CatalogTest {

  @Test
  void createsReadsUpdatesAndDeletesProductsAndItems(final GatewayHarness h) {
    final String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
    final String item = "i-" + UUID.randomUUID().toString().substring(0, 8);
    final Http http = h.http;

    final Http.Response putItem = http.send("PUT", h.path("/catalog/items/" + item), TestApp.SERVER_KEY,
        Map.of("consumable", true, "onConsume", Map.of("currencies", Map.of("xp", 3))), Map.of());
    final Http.Response created = http.send("PUT", h.path("/catalog/products/" + id), TestApp.SERVER_KEY,
        Map.of("productType", "CONSUMABLE", "storeProductIds", Map.of("test", id),
            "grants", Map.of("items", Map.of(item, 2)), "displayName", "Pack"), Map.of());
    final Http.Response bought = http.post(h.path("/purchases"), TestApp.SERVER_KEY, PurchasesTest.purchase(
        PurchasesTest.player(), "test", id, Map.of("signedReceipt", h.app.testReceipt(TestApp.transactionId(), id))));
    final Http.Response updated = http.send("PUT", h.path("/catalog/products/" + id), TestApp.SERVER_KEY,
        Map.of("productType", "CONSUMABLE", "storeProductIds", Map.of("test", id),
            "grants", Map.of("currencies", Map.of("gems", 9))), Map.of());
    final Http.Response read = http.get(h.path("/catalog/products/" + id), TestApp.SERVER_KEY);
    final Http.Response list = http.get(h.path("/catalog/products"), TestApp.SERVER_KEY);
    final Http.Response deleted = http.send("DELETE", h.path("/catalog/products/" + id), TestApp.SERVER_KEY, null,
        Map.of());
    final Http.Response gone = http.get(h.path("/catalog/products/" + id), TestApp.SERVER_KEY);
    final Http.Response clientRead = http.get(h.path("/catalog/products"), TestApp.CLIENT_KEY);

    assertThat(putItem.status()).as(putItem.toString()).isEqualTo(200);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    assertThat(bought.status()).as("a product is sold as soon as its write returns: " + bought).isEqualTo(200);
    assertThat(bought.body().get("instances").get(0).get("instance").get("itemId").asText()).isEqualTo(item);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(read.body().get("grants").get("currencies").get("gems").asLong()).isEqualTo(9);
    assertThat(list.body().get("products").toString()).contains(id, "gems_100");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(clientRead.code()).isEqualTo("KEY_NOT_ALLOWED");
  }

  @Test
  void exportsAndImportsTheWholeCatalogAsJsonAndCsv(final GatewayHarness h) {
    final Http.Response json = h.http.get(h.path("/catalog/export"), TestApp.SERVER_KEY);
    final Http.Response csv = h.http.get(h.path("/catalog/export?format=csv"), TestApp.SERVER_KEY);
    final String id = "csv-" + UUID.randomUUID().toString().substring(0, 8);
    final String imported = csv.text() + "product," + id + ",NON_CONSUMABLE,test=" + id
        + ",\"currency:gems=5;item:sword=1\",false,,,,\"Sword, with gems\"\r\n";
    final Http.Response csvImport = h.http.send("POST", h.path("/catalog/import"), TestApp.SERVER_KEY, imported,
        Map.of("Content-Type", "text/csv"));
    final Http.Response jsonImport = h.http.send("POST", h.path("/catalog/import"), TestApp.SERVER_KEY,
        json.text(), Map.of("Content-Type", "application/json"));
    final Http.Response read = h.http.get(h.path("/catalog/products/" + id), TestApp.SERVER_KEY);
    final Http.Response badCsv = h.http.send("POST", h.path("/catalog/import"), TestApp.SERVER_KEY,
        "kind,id\nproduct,x\n", Map.of("Content-Type", "text/csv"));

    assertThat(json.status()).isEqualTo(200);
    assertThat(json.body().get("products").toString()).contains("gems_100", "vip");
    assertThat(json.body().get("items").toString()).contains("potion");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.text()).startsWith("kind,id,productType").contains("product,gems_100,CONSUMABLE");
    assertThat(csvImport.status()).as(csvImport.toString()).isEqualTo(200);
    assertThat(jsonImport.status()).as(jsonImport.toString()).isEqualTo(200);
    assertThat(read.body().get("displayName").asText()).isEqualTo("Sword, with gems");
    assertThat(read.body().get("grants").get("items").get("sword").asLong()).isEqualTo(1);
    assertThat(badCsv.status()).isEqualTo(400);
  }

  @Test
  void importWithReplaceDeletesWhatTheBodyLacksAndRejectsAnEntryNamedTwice(final GatewayHarness h) {
    final String stray = "stray-" + UUID.randomUUID().toString().substring(0, 8);
    final Http.Response export = h.http.get(h.path("/catalog/export"), TestApp.SERVER_KEY);
    final Http.Response putStray = h.http.send("PUT", h.path("/catalog/items/" + stray), TestApp.SERVER_KEY,
        Map.of("consumable", true), Map.of());
    final Http.Response replaced = h.http.send("POST", h.path("/catalog/import?replace=true"), TestApp.SERVER_KEY,
        export.text(), Map.of("Content-Type", "application/json"));
    final Http.Response strayRead = h.http.get(h.path("/catalog/items/" + stray), TestApp.SERVER_KEY);
    final Http.Response strayDelete = h.http.send("DELETE", h.path("/catalog/items/" + stray), TestApp.SERVER_KEY,
        null, Map.of());
    final Http.Response kept = h.http.get(h.path("/catalog/products/gems_100"), TestApp.SERVER_KEY);
    final Http.Response twice = h.http.send("POST", h.path("/catalog/import"), TestApp.SERVER_KEY,
        Map.of("products", List.of(export.body().get("products").get(0), export.body().get("products").get(0))),
        Map.of());

    assertThat(putStray.status()).as(putStray.toString()).isEqualTo(200);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.body().get("deleted").asInt()).as(replaced.toString()).isEqualTo(1);
    assertThat(strayRead.status()).isEqualTo(404);
    assertThat(strayRead.code()).isEqualTo("NOT_FOUND");
    assertThat(strayDelete.status()).isEqualTo(404);
    assertThat(kept.status()).isEqualTo(200);
    assertThat(twice.status()).as(twice.toString()).isEqualTo(400);
    assertThat(twice.text()).contains("twice");
  }
}
