package dev.coffer.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.service.problem.ProblemException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSkusTest {

  private static Product product(final String id, final ProductType type, final Map<String, String> skus) {
    return Product.newBuilder().setProductId(id).setProductType(type).setStoreProductIds(new HashMap<>(skus))
        .setGrants(Grants.newBuilder().setCurrencies(new HashMap<>(Map.of("gems", 1L))).setItems(List.of()).build())
        .build();
  }

  @Test
  void findsTwoProductsSharingAStoreProductIdAndNamesBoth() {
    final List<Product> catalog = List.of(
        product("small", ProductType.CONSUMABLE, Map.of("google_play", "gems", "test", "small")),
        product("large", ProductType.CONSUMABLE, Map.of("google_play", "gems", "test", "large")));

    final StoreSkus.Clash clash = StoreSkus.firstClash(catalog).orElseThrow();

    assertThat(clash).isEqualTo(new StoreSkus.Clash("google_play", "gems", "large", "small"));
    assertThat(clash.describe()).contains("large", "small", "google_play", "gems");
    assertThat(clash.problem().code()).isEqualTo("DUPLICATE_STORE_PRODUCT_ID");
    assertThat(clash.problem().status()).isEqualTo(409);
  }

  @Test
  void letsStoresShareAnIdAndAProductKeepItsOwn() {
    final List<Product> catalog = List.of(
        product("gems", ProductType.CONSUMABLE, Map.of("google_play", "gems", "cafe_bazaar", "gems")),
        product("vip", ProductType.SUBSCRIPTION, Map.of("google_play", "vip", "apple_app_store", "gems")));

    assertThat(StoreSkus.firstClash(catalog)).isEmpty();
  }

  @Test
  void refusesAProductTypeTheStoreContradictsAndLetsTheCatalogDecideWhenTheStoreIsSilent() {
    final Product vip = product("vip", ProductType.SUBSCRIPTION, Map.of("apple_app_store", "vip"));

    StoreSkus.checkType(vip, Store.APPLE_APP_STORE, ProductType.SUBSCRIPTION);
    StoreSkus.checkType(vip, Store.GOOGLE_PLAY, null);
    assertThatThrownBy(() -> StoreSkus.checkType(vip, Store.APPLE_APP_STORE, ProductType.CONSUMABLE))
        .isInstanceOfSatisfying(ProblemException.class, p -> {
          assertThat(p.code()).isEqualTo("PRODUCT_TYPE_MISMATCH");
          assertThat(p.getMessage()).contains("vip", "CONSUMABLE", "SUBSCRIPTION");
        });
  }
}
