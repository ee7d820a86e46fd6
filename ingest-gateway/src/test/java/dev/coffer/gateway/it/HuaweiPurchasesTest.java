package dev.coffer.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.receipts.huawei.HuaweiKeys;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.Store;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(300)
@ExtendWith({CofferStackExtension.class, GatewayHarness.Extension.class})
class HuaweiPurchasesTest {

  @Test
  void recordsAppGalleryPurchasesOfEachKindWithTheirPurchaseLogFields(final GatewayHarness h) {
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String gems = "hw-gems-" + suffix;
    final String vip = "hw-vip-" + suffix;
    put(h, gems, "CONSUMABLE", Map.of("huawei_appgallery", "gems." + suffix), Map.of("currencies", Map.of("gems", 50)));
    put(h, vip, "SUBSCRIPTION", Map.of("huawei_appgallery", "vip." + suffix), Map.of("currencies", Map.of("gems", 5)));
    final String order = "hw-" + TestApp.transactionId();
    final String consumable = HuaweiKeys.json(HuaweiKeys.consumable(order, "gems." + suffix, TestApp.PACKAGE));
    final String subOrder = "hw-" + TestApp.transactionId();
    final String subscription = HuaweiKeys.json(HuaweiKeys.subscription(subOrder, "sub-" + suffix, "vip." + suffix,
        TestApp.PACKAGE, Instant.now().plus(Duration.ofDays(30))));

    final Http.Response bought = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(PurchasesTest.player(), "huawei_appgallery", null, Map.of(
            "inAppPurchaseData", consumable, "inAppDataSignature", h.app.huawei.sign(consumable))));
    final Http.Response subscribed = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(PurchasesTest.player(), "huawei_appgallery", vip, Map.of(
            "inAppPurchaseData", subscription, "inAppDataSignature", h.app.huawei.signPss(subscription),
            "signatureAlgorithm", "SHA256WithRSA/PSS")));
    final Http.Response forged = h.withOptions().post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(PurchasesTest.player(), "huawei_appgallery", null, Map.of(
            "inAppPurchaseData", consumable.replace("\"price\":199", "\"price\":1"),
            "inAppDataSignature", h.app.huawei.sign(consumable))));
    final Http.Response disabled = h.http.post(h.path("/purchases"), TestApp.SERVER_KEY,
        PurchasesTest.purchase(PurchasesTest.player(), "huawei_appgallery", null, Map.of(
            "inAppPurchaseData", consumable, "inAppDataSignature", h.app.huawei.sign(consumable))));

    assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
    assertThat(bought.body().get("balances").get(0).get("delta").asLong()).isEqualTo(50);
    assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(200);
    assertThat(subscribed.body().get("instances").get(0).get("instance").get("subscriptionStatus").asText())
        .isEqualTo("ACTIVE");
    assertThat(forged.code()).as(forged.toString()).isEqualTo("BAD_SIGNATURE");
    assertThat(disabled.code()).as(disabled.toString()).isEqualTo("STORE_DISABLED");
    final PurchaseVerified recorded = Topics.submitted(h.stack).stream()
        .map(e -> e.getPayload()).filter(p -> p instanceof PurchaseVerified v
            && v.getTransactionId().equals(h.app.ref(Store.HUAWEI_APPGALLERY, order)))
        .map(PurchaseVerified.class::cast).findFirst().orElseThrow();
    assertThat(recorded.getStore()).isEqualTo(Store.HUAWEI_APPGALLERY);
    assertThat(recorded.getPrice()).isEqualByComparingTo(new BigDecimal("1.99"));
    assertThat(recorded.getCurrency()).isEqualTo("EUR");
    assertThat(recorded.getCountry()).isEqualTo("DE");
    // The token is kept as its store ref: the store's own id never enters a topic in clear.
    assertThat(recorded.getPurchaseToken()).isEqualTo(h.app.ref(Store.HUAWEI_APPGALLERY, "000001" + order
        + ".1.101234567"));
  }

  private static void put(final GatewayHarness h, final String id, final String type, final Map<String, String> skus,
                          final Map<String, Object> grants) {
    // Through the gateway that serves the purchase: its catalog shows its own writes at once.
    final Http.Response r = h.withOptions().send("PUT", h.path("/catalog/products/" + id), TestApp.SERVER_KEY,
        Map.of("productType", type, "storeProductIds", skus, "grants", grants), Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }
}
