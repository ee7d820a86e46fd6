package dev.coffer.apps;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The apps file as bound by Jackson: the root and one entry per app. Settings bind straight into
 * the public records ({@link StoreSettings}, {@link WebhookSettings}, {@link InitialCatalog},
 * {@link ApiKey}); their JSON names and rules are in {@code apps.schema.json}. Adding a setting is one
 * record component plus one schema property ({@code AppsSchemaTest} checks that the two agree).
 *
 * @param apps the apps, in file order
 */
record AppsFile(List<Entry> apps) {

  /**
   * One app as written in the file.
   *
   * @param appId the app id
   * @param keys its API keys
   * @param pseudonymKey the key of player refs (secret)
   * @param playerTokenSecret the secret of player tokens
   * @param stores store settings; null when left out
   * @param webhooks webhook settings; null when left out
   * @param catalog the initial catalog; null when left out
   */
  record Entry(String appId, List<ApiKey> keys, @Secret(minBytes = App.MIN_SECRET_BYTES) String pseudonymKey,
               @Secret(minBytes = App.MIN_SECRET_BYTES) String playerTokenSecret, StoreSettings stores,
               WebhookSettings webhooks, InitialCatalog catalog) {

    App toApp() {
      return new App(appId, keys, pseudonymKey.getBytes(StandardCharsets.UTF_8),
          playerTokenSecret.getBytes(StandardCharsets.UTF_8), stores == null ? StoreSettings.none() : stores,
          webhooks, catalog == null ? InitialCatalog.empty() : catalog);
    }
  }

  /** Adds the problems that span entries or that the schema cannot say: unique ids and keys, usable URLs. */
  void check(final Problems problems) {
    final Set<String> ids = new HashSet<>();
    final Set<String> keyHashes = new HashSet<>();
    for (int i = 0; i < apps.size(); i++) {
      final Entry app = apps.get(i);
      final String at = "apps[" + i + "]";
      if (!ids.add(app.appId())) {
        problems.add(at + ".appId", "duplicate app id " + app.appId());
      }
      for (int k = 0; k < app.keys().size(); k++) {
        // One key, one app: otherwise a key leaked from one app would open another.
        if (!keyHashes.add(app.keys().get(k).sha256Hex())) {
          problems.add(at + ".keys[" + k + "].sha256", "the same key is configured twice");
        }
      }
      if (app.webhooks() != null && app.webhooks().url().getHost() == null) {
        problems.add(at + ".webhooks.url", "must be an http or https URL with a host");
      }
      if (app.catalog() != null) {
        checkCatalog(app.catalog(), at + ".catalog", problems);
      }
    }
  }

  private static void checkCatalog(final InitialCatalog catalog, final String at, final Problems problems) {
    final Set<String> productIds = new HashSet<>();
    // A receipt names a store's product id: it must lead to one product, or a client could pick the richer one.
    final Map<String, String> skuOwners = new HashMap<>();
    for (int p = 0; p < catalog.products().size(); p++) {
      final InitialCatalog.Product product = catalog.products().get(p);
      if (!productIds.add(product.productId())) {
        problems.add(at + ".products[" + p + "].productId", "duplicate " + product.productId());
      }
      for (final Map.Entry<String, String> sku : new TreeMap<>(product.storeProductIds()).entrySet()) {
        final String owner = skuOwners.putIfAbsent(sku.getKey() + "|" + sku.getValue(), product.productId());
        if (owner != null && !owner.equals(product.productId())) {
          problems.add(at + ".products[" + p + "].storeProductIds." + sku.getKey(), "products " + owner + " and "
              + product.productId() + " both have " + sku.getKey() + " product id " + sku.getValue()
              + "; a store product id may belong to one product only");
        }
      }
      if (product.grants().currencies().isEmpty() && product.grants().items().isEmpty()) {
        problems.add(at + ".products[" + p + "].grants", "must give at least one currency amount or item");
      }
    }
    final Set<String> itemIds = new HashSet<>();
    for (int i = 0; i < catalog.items().size(); i++) {
      if (!itemIds.add(catalog.items().get(i).itemId())) {
        problems.add(at + ".items[" + i + "].itemId", "duplicate " + catalog.items().get(i).itemId());
      }
    }
  }
}
