package dev.coffer.gateway.it;

import dev.coffer.schemas.ledger.Store;
import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.gateway.purchases.StoreOptions;
import dev.coffer.gateway.receipts.BuyerBinding;
import dev.coffer.gateway.receipts.apple.AppStoreServerFake;
import dev.coffer.gateway.receipts.apple.ApplePki;
import dev.coffer.gateway.receipts.google.GooglePlayFake;
import dev.coffer.gateway.receipts.huawei.HuaweiKeys;
import dev.coffer.gateway.receipts.huawei.HuaweiSettings;
import dev.coffer.gateway.receipts.stripe.StripeSettings;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The integration tests' app: every store enabled with keys made in the test, and a small catalog.
 * Unique per JVM (Coffer's topics are shared by every test of the JVM).
 */
final class TestApp {
  static final String SERVER_KEY = "it-server-key-" + UUID.randomUUID();
  static final String CLIENT_KEY = "it-client-key-" + UUID.randomUUID();
  static final String TEST_SECRET = "it-test-store-secret-0123456789";
  static final String GOOGLE_TOKEN = "it-google-token-0123456789";
  static final String STRIPE_SECRET = "whsec_it_0123456789abcdef";
  static final String PACKAGE = "com.example.game";
  static final String BUNDLE = "com.example.game";
  static final long APP_APPLE_ID = 1234L;
  private static final AtomicLong ORDERS = new AtomicLong(System.currentTimeMillis());

  final String appId;
  final KeyPair google = rsa(2048);
  final KeyPair bazaar = rsa(1392);
  final ApplePki apple = ApplePki.create();
  final HuaweiKeys huawei = HuaweiKeys.create();
  final Apps apps;

  TestApp(final String appId) {
    this.appId = appId;
    this.apps = Apps.parse(yaml(), Path.of("."), name -> null);
  }

  /** The store ref the gateway gives {@code id} of {@code store} (what every topic carries instead of it). */
  String ref(final Store store, final String id) {
    return app().pseudonyms().storeRef(store, id);
  }

  App app() {
    return apps.find(appId).orElseThrow();
  }

  /**
   * The options of {@link GatewayHarness#withOptions()}: Google Play receipts must name their buyer, Apple ones
   * may; Huawei AppGallery enabled with a key made here; Stripe with a test endpoint secret; the Play Developer
   * API and the App Store Server API on local servers.
   */
  StoreOptions options(final GooglePlayFake googlePlay, final AppStoreServerFake appStore) {
    return StoreOptions.none().withGooglePlayBinding(BuyerBinding.REQUIRE).withAppleBinding(BuyerBinding.CHECK)
        .withHuawei(new HuaweiSettings(PACKAGE, null, huawei.publicKeyBase64()))
        .withStripe(StripeSettings.of(STRIPE_SECRET))
        .withGooglePlayApi(googlePlay.settings(PACKAGE))
        .withAppleApi(appStore.settings());
  }

  String yaml() {
    return """
        apps:
          - appId: %s
            keys:
              - {label: server, role: server, sha256: %s}
              - {label: client, role: client, sha256: %s}
            pseudonymKey: it-pseudonym-key-0123456789abcdef0123
            playerTokenSecret: it-player-token-secret-0123456789abcdef
            stores:
              googlePlay: {packageName: %s, publicKey: "%s", notificationToken: %s}
              cafeBazaar: {packageName: %s, publicKey: "%s"}
              apple: {bundleId: %s, appAppleId: %d, environment: sandbox, trustedRoots: ["base64:%s"]}
              test: {secret: %s}
            catalog:
              items:
                - {itemId: sword, consumable: false, stackable: false}
                - {itemId: potion, consumable: true, onConsume: {currencies: {hp: 5}}}
              products:
                - productId: gems_100
                  productType: CONSUMABLE
                  storeProductIds: {google_play: gems.100, cafe_bazaar: gems.100, apple_app_store: com.example.gems100, test: gems_100}
                  grants: {currencies: {gems: 100}}
                - productId: sword_pack
                  productType: NON_CONSUMABLE
                  storeProductIds: {test: sword_pack, apple_app_store: com.example.sword}
                  grants: {items: {sword: 1}}
                - productId: potions
                  productType: CONSUMABLE
                  storeProductIds: {test: potions}
                  grants: {items: {potion: 3}}
                - productId: vip
                  productType: SUBSCRIPTION
                  storeProductIds: {apple_app_store: com.example.vip, google_play: vip}
                  grants: {currencies: {gems: 10}}
        """
        .formatted(appId, ApiKeys.sha256Hex(SERVER_KEY), ApiKeys.sha256Hex(CLIENT_KEY),
            PACKAGE, base64(google.getPublic().getEncoded()), GOOGLE_TOKEN,
            PACKAGE, base64(bazaar.getPublic().getEncoded()),
            BUNDLE, APP_APPLE_ID, base64(apple.rootDer()), TEST_SECRET);
  }

  /** A fresh transaction id. */
  static String transactionId() {
    return Long.toString(ORDERS.incrementAndGet());
  }

  /** A test-store receipt. */
  String testReceipt(final String transactionId, final String storeProductId) {
    return TestReceipts.sign(new TestReceipt(appId, transactionId, storeProductId, Instant.now(), 1,
        new BigDecimal("0.99"), "USD"), TEST_SECRET);
  }

  /** Google Play purchase data (the exact JSON the store returns). */
  static String purchaseData(final String orderId, final String packageName, final String productId,
                             final int purchaseState) {
    return "{\"orderId\":\"GPA." + orderId + "\",\"packageName\":\"" + packageName + "\",\"productId\":\""
        + productId + "\",\"purchaseTime\":" + System.currentTimeMillis() + ",\"purchaseState\":" + purchaseState
        + ",\"purchaseToken\":\"token-" + orderId + "\",\"quantity\":1,\"acknowledged\":false}";
  }

  /** Google Play purchase data bound to an account ({@code obfuscatedAccountId}). */
  static String purchaseData(final String orderId, final String productId, final String obfuscatedAccountId) {
    final String data = purchaseData(orderId, PACKAGE, productId, 0);
    return data.substring(0, data.length() - 1) + ",\"obfuscatedAccountId\":\"" + obfuscatedAccountId + "\"}";
  }

  /** SHA1withRSA signature, base64. */
  static String sign(final String data, final KeyPair key) {
    try {
      final Signature signature = Signature.getInstance("SHA1withRSA");
      signature.initSign(key.getPrivate());
      signature.update(data.getBytes(StandardCharsets.UTF_8));
      return base64(signature.sign());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An Apple transaction payload. */
  static Map<String, Object> appleTransaction(final String transactionId, final String productId) {
    final Instant now = Instant.now();
    final Map<String, Object> t = new HashMap<>();
    t.put("transactionId", transactionId);
    t.put("originalTransactionId", transactionId);
    t.put("webOrderLineItemId", "w" + transactionId);
    t.put("bundleId", BUNDLE);
    t.put("productId", productId);
    t.put("purchaseDate", now.minus(Duration.ofMinutes(1)).toEpochMilli());
    t.put("originalPurchaseDate", now.minus(Duration.ofMinutes(1)).toEpochMilli());
    t.put("quantity", 1);
    t.put("type", "Consumable");
    t.put("inAppOwnershipType", "PURCHASED");
    t.put("signedDate", now.toEpochMilli());
    t.put("environment", "Sandbox");
    t.put("transactionReason", "PURCHASE");
    t.put("storefront", "DEU");
    t.put("storefrontId", "143443");
    t.put("price", 1990);
    t.put("currency", "EUR");
    return t;
  }

  /** An Apple transaction payload of the catalog's sword, a non-consumable. */
  static Map<String, Object> appleSword(final String transactionId) {
    final Map<String, Object> t = appleTransaction(transactionId, "com.example.sword");
    t.put("type", "Non-Consumable");
    return t;
  }

  /** {@code transaction} refunded now (revocation reason 1: an issue with the app). */
  static Map<String, Object> appleRefunded(final Map<String, Object> transaction) {
    final Map<String, Object> t = new HashMap<>(transaction);
    t.put("revocationDate", Instant.now().toEpochMilli());
    t.put("revocationReason", 1);
    return t;
  }

  /** The body Apple posts for a REFUND of {@code transaction}, signed by this app's chain. */
  Map<String, Object> appleRefundNotification(final Map<String, Object> transaction) {
    return Map.of("signedPayload",
        apple.sign(appleNotification("REFUND", null, apple.sign(appleRefunded(transaction)))));
  }

  /** An Apple subscription transaction payload expiring at {@code expires}. */
  static Map<String, Object> appleSubscription(final String transactionId, final String original,
                                               final Instant expires) {
    final Map<String, Object> t = appleTransaction(transactionId, "com.example.vip");
    t.put("originalTransactionId", original);
    t.put("type", "Auto-Renewable Subscription");
    t.put("expiresDate", expires.toEpochMilli());
    return t;
  }

  /** An App Store Server Notification v2 payload. */
  static Map<String, Object> appleNotification(final String type, final String subtype,
                                               final String signedTransaction) {
    final Map<String, Object> data = new HashMap<>();
    data.put("appAppleId", APP_APPLE_ID);
    data.put("bundleId", BUNDLE);
    data.put("bundleVersion", "1.0");
    data.put("environment", "Sandbox");
    data.put("signedTransactionInfo", signedTransaction);
    final Map<String, Object> n = new HashMap<>();
    n.put("notificationType", type);
    if (subtype != null) {
      n.put("subtype", subtype);
    }
    n.put("notificationUUID", UUID.randomUUID().toString());
    n.put("data", data);
    n.put("version", "2.0");
    n.put("signedDate", Instant.now().toEpochMilli());
    return n;
  }

  static String base64(final byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static KeyPair rsa(final int bits) {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String lower(final String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
