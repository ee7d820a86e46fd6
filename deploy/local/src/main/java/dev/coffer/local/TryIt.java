package dev.coffer.local;

import dev.coffer.apps.ApiKey;
import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.InitialCatalog;
import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.local.demo.DemoSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The curl calls the local stack prints once it runs, for the first app of the configured apps file, on the
 * ports the gateway and projections really listen on: buy a product of the app's catalog with a freshly
 * signed test-store receipt (if the app has the test store), spend part of the currency it gives, read the
 * wallet. The apps file holds only hashes of keys: the bundled demo app's server key is printed as it is
 * (its hash is known), any other app's as {@code $COFFER_SERVER_KEY}, to be exported first.
 */
final class TryIt {
  /** The placeholder of a server key the stack cannot know. */
  static final String KEY_VARIABLE = "$COFFER_SERVER_KEY";
  private static final String PLAYER = "alice";

  private TryIt() {
  }

  /**
   * The lines to print.
   *
   * @param appsFile the apps file both services read
   * @param gateway the gateway's base URL
   * @param projections projections' base URL
   * @return the curl calls, one a line, with a heading
   */
  static String lines(final Path appsFile, final String gateway, final String projections) {
    final App app = Apps.load(appsFile).all().iterator().next();
    final String appId = app.appId();
    final boolean demoKey = hasDemoServerKey(app);
    final String key = demoKey ? DemoSettings.LOCAL_SERVER_KEY : KEY_VARIABLE;
    final String auth = " -H \"Authorization: Bearer " + key + "\"";
    final String json = " -H 'Content-Type: application/json'";
    final StringBuilder out = new StringBuilder(512).append("Try it (app ").append(appId).append(", apps file ")
        .append(appsFile).append("):\n");
    if (!demoKey) {
      out.append("    first:          export COFFER_SERVER_KEY=<a server key of app ").append(appId)
          .append(" (").append(serverKeyLabels(app)).append(")>\n");
    }
    final Optional<Map.Entry<InitialCatalog.Product, String>> product = testProduct(app);
    final String secret = app.stores().test() == null ? null : app.stores().test().secret();
    if (product.isPresent() && secret != null) {
      final InitialCatalog.Product p = product.get().getKey();
      // A fresh receipt each start: a receipt is unique, and replaying an old one answers DUPLICATE.
      final String receipt = TestReceipts.sign(TestReceipt.of(appId, "local-" + UUID.randomUUID(),
          product.get().getValue(), Instant.now()), secret);
      out.append("    buy ").append(p.productId()).append(":  curl -s -X POST ").append(gateway).append("/v1/apps/")
          .append(appId).append("/purchases").append(auth).append(json).append(" -d '{\"playerId\":\"").append(PLAYER)
          .append("\",\"store\":\"test\",\"receipt\":{\"signedReceipt\":\"").append(receipt).append("\"}}'\n");
      p.grants().currencies().entrySet().stream().filter(c -> c.getValue() > 0).findFirst().ifPresent(c -> out.append(
          "    spend ").append(spent(c.getValue())).append(' ').append(c.getKey())
          .append(":  curl -s -X POST ")
          .append(gateway).append("/v1/apps/").append(appId).append("/players/").append(PLAYER).append("/spend")
          .append(auth).append(json).append(" -d '{\"idempotencyKey\":\"spend-1\",\"currency\":\"")
          .append(c.getKey()).append("\",\"amount\":").append(spent(c.getValue()))
          .append(",\"reason\":\"try-it\"}'\n"));
    } else {
      out.append("    (app ").append(appId).append(" has no test store and product: grant instead)\n")
          .append("    grant 100 gems: curl -s -X POST ").append(gateway).append("/v1/apps/").append(appId)
          .append("/players/").append(PLAYER).append("/grants").append(auth).append(json)
          .append(" -d '{\"idempotencyKey\":\"grant-1\",\"reason\":\"try-it\",")
          .append("\"grants\":{\"currencies\":{\"gems\":100}}}'\n");
    }
    out.append("    read wallet:    curl -s ").append(projections).append("/v1/apps/").append(appId).append("/players/")
        .append(PLAYER).append("/wallet").append(auth).append('\n')
        .append("                    (add ?minVersion=<the version a write returned> to wait until the read sees it)\n")
        .append("    API docs:       ").append(gateway).append("/docs and ").append(projections).append("/docs");
    return out.toString();
  }

  /** Whether the app takes the bundled demo app's server key (whose plain text the stack knows). */
  static boolean hasDemoServerKey(final App app) {
    final String demo = ApiKeys.sha256Hex(DemoSettings.LOCAL_SERVER_KEY);
    return app.keys().stream().anyMatch(k -> k.role() == KeyRole.SERVER && k.sha256Hex().equalsIgnoreCase(demo));
  }

  /** The first catalog product the test store sells, with its test-store product id. */
  private static Optional<Map.Entry<InitialCatalog.Product, String>> testProduct(final App app) {
    return app.catalog().products().stream().filter(p -> p.storeProductIds().containsKey("test"))
        .sorted((a, b) -> Boolean.compare(a.grants().currencies().isEmpty(), b.grants().currencies().isEmpty()))
        .map(p -> Map.entry(p, p.storeProductIds().get("test"))).findFirst();
  }

  private static long spent(final long granted) {
    return Math.max(1, granted * 3 / 10);
  }

  private static String serverKeyLabels(final App app) {
    return String.join(", ", app.keys().stream().filter(k -> k.role() == KeyRole.SERVER).map(ApiKey::label).toList());
  }
}
