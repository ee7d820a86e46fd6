package dev.coffer.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.schemas.ledger.ProductType;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppsTest {
  private static final String SERVER_KEY = "server-key-0123456789abcdef";
  private static final String CLIENT_KEY = "client-key-0123456789abcdef";
  private static final String RSA = rsaKey();

  static String yaml(final String extra) {
    return """
        apps:
          - appId: demo
            keys:
              - {label: server, role: server, sha256: %s}
              - {label: client, role: client, sha256: %s}
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: env:TOKEN_SECRET
            stores:
              googlePlay: {packageName: com.example.game, publicKey: "%s", notificationToken: google-token-0123456789}
              test: {secret: test-secret-0123456789}
            webhooks: {url: "https://example.com/hook", secrets: [webhook-secret-0123456789abcdef0123456789]}
            catalog:
              products:
                - {productId: gems_100, productType: consumable, storeProductIds: {test: gems_100}, grants: {currencies: {gems: 100}}}
              items:
                - {itemId: potion, consumable: true, onConsume: {currencies: {hp: 5}}}
        %s"""
        .formatted(ApiKeys.sha256Hex(SERVER_KEY), ApiKeys.sha256Hex(CLIENT_KEY), RSA, extra);
  }

  static Apps parse(final String yaml) {
    return Apps.parse(yaml, Path.of("."),
        name -> Map.of("TOKEN_SECRET", "token-secret-0123456789abcdef0123456789").get(name));
  }

  @Test
  void loadsACompleteApp() {
    final App app = parse(yaml("")).find("demo").orElseThrow();

    assertThat(app.authenticate(SERVER_KEY)).hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(KeyRole.SERVER));
    assertThat(app.authenticate(CLIENT_KEY)).hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(KeyRole.CLIENT));
    assertThat(app.authenticate("wrong")).isEmpty();
    assertThat(app.authenticate(ApiKeys.sha256Hex(SERVER_KEY))).as("the hash is not the key").isEmpty();
    assertThat(app.stores().googlePlay().packageName()).isEqualTo("com.example.game");
    assertThat(app.stores().googlePlay().notificationToken()).isEqualTo("google-token-0123456789");
    assertThat(app.stores().test().secret()).isEqualTo("test-secret-0123456789");
    assertThat(app.stores().apple()).isNull();
    assertThat(app.webhooks()).hasValueSatisfying(w -> assertThat(w.secrets()).hasSize(1));
    assertThat(app.catalog().products()).singleElement()
        .satisfies(p -> assertThat(p.productType()).isEqualTo(ProductType.CONSUMABLE))
        .satisfies(p -> assertThat(p.grants().currencies()).containsEntry("gems", 100L));
    assertThat(app.catalog().items()).singleElement().satisfies(i -> assertThat(i.stackable()).isTrue());
    assertThat(parse(yaml("")).find("other")).isEmpty();
  }

  @Test
  void derivesStablePseudonymsFromThePseudonymKey() {
    final App app = parse(yaml("")).find("demo").orElseThrow();
    final App again = parse(yaml("")).find("demo").orElseThrow();

    assertThat(app.pseudonyms().lookup("player-1")).isEqualTo(again.pseudonyms().lookup("player-1")).hasSize(43)
        .doesNotContain("|", "+", "/", "=");
    assertThat(app.pseudonyms().lookup("player-1")).isNotEqualTo(app.pseudonyms().lookup("player-2"));
  }

  @Test
  void namesTheBadKey() {
    assertBad(yaml("").replace("appId: demo", "appId: Demo|x"), "apps[0].appId");
    assertBad(yaml("").replace("role: client", "role: admin"), "apps[0].keys[1].role");
    assertBad(yaml("").replace("sha256: " + ApiKeys.sha256Hex(CLIENT_KEY), "sha256: " + CLIENT_KEY),
        "apps[0].keys[1].sha256");
    assertBad(yaml("").replace("pseudonymKey: pseudonym-key-0123456789abcdef0123456789", "pseudonymKey: short"),
        "apps[0].pseudonymKey");
    assertBad(yaml("").replace("env:TOKEN_SECRET", "env:MISSING"), "apps[0].playerTokenSecret");
    assertBad(yaml("").replace("publicKey: \"" + RSA, "publicKey: \"AAAA"), "apps[0].stores.googlePlay.publicKey");
    assertBad(yaml("").replace("test: {secret", "tset: {secret"), "apps[0].stores.tset");
    assertBad(yaml("").replace("productType: consumable", "productType: gadget"),
        "apps[0].catalog.products[0].productType");
    assertBad(yaml("").replace("gems: 100", "gems: -1"), "apps[0].catalog.products[0].grants.currencies.gems");
    assertBad(yaml("").replace("{test: gems_100}", "{steam: gems_100}"),
        "apps[0].catalog.products[0].storeProductIds.steam");
    assertBad(yaml("").replace("https://example.com/hook", "ftp://example.com"), "apps[0].webhooks.url");
    assertBad(yaml("""
          - appId: demo
            keys: [{label: s, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
        """.formatted(ApiKeys.sha256Hex("another-key"))), "apps[1].appId");
    assertBad(yaml("""
          - appId: other
            keys: [{label: s, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
        """.formatted(ApiKeys.sha256Hex(SERVER_KEY))), "apps[1].keys[0].sha256");
    assertBad("apps: [", "(file)");
    assertBad(yaml("").replace("      - {label: server", "      - {labl: x, label: server"), "apps[0].keys[0].labl");
    assertBad("""
        apps:
          - appId: a
            keys: [{label: s, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
            stores: {apple: {bundleId: com.x, environment: production, trustedRoots: [base64:AAAA]}}
        """.formatted(ApiKeys.sha256Hex("k")), "apps[0].stores.apple.appAppleId");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    final String schemaBreaks = yaml("").replace("appId: demo", "appId: Demo").replace("role: client", "role: admin")
        .replace("test: {secret", "tset: {secret").replace("gems: 100", "gems: 0");

    assertThatThrownBy(() -> parse(schemaBreaks)).isInstanceOfSatisfying(AppsConfigException.class,
        e -> assertThat(e.problems()).extracting(AppsConfigException.Problem::key).containsExactlyInAnyOrder(
            "apps[0].appId", "apps[0].keys[1].role", "apps[0].stores.tset",
            "apps[0].catalog.products[0].grants.currencies.gems"));

    final String bindingBreaks = yaml("").replace("env:TOKEN_SECRET", "env:MISSING")
        .replace("publicKey: \"" + RSA, "publicKey: \"AAAA")
        .replace("{itemId: potion,", "{itemId: gems_100, consumable: true}\n        - {itemId: gems_100,");

    assertThatThrownBy(() -> parse(bindingBreaks)).isInstanceOfSatisfying(AppsConfigException.class, e -> {
      assertThat(e.problems()).extracting(AppsConfigException.Problem::key).containsExactly(
          "apps[0].playerTokenSecret", "apps[0].stores.googlePlay.publicKey", "apps[0].catalog.items[1].itemId");
      assertThat(e.getMessage()).contains("environment variable MISSING is not set",
          "is not a base64 X.509 RSA public key",
          "duplicate gems_100").doesNotContain("token-secret");
    });
  }

  @Test
  void readsCertificatesFromFilesBesideTheAppsFile(@org.junit.jupiter.api.io.TempDir final Path dir)
      throws java.io.IOException {
    final String apple = """
        apps:
          - appId: a
            keys: [{label: s, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
            stores: {apple: {bundleId: com.x, environment: sandbox, trustedRoots: [%s]}}
        """;
    java.nio.file.Files.writeString(dir.resolve("not-a-cert.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> Apps.parse(apple.formatted(ApiKeys.sha256Hex("k"), "not-a-cert.pem, missing.cer"), dir,
        name -> null)).isInstanceOfSatisfying(AppsConfigException.class, e -> assertThat(e.problems())
            .extracting(AppsConfigException.Problem::key)
            .containsExactly("apps[0].stores.apple.trustedRoots[0]", "apps[0].stores.apple.trustedRoots[1]"));
  }

  @Test
  void readsTheStoresServerApisBuyerBindingHuaweiAndStripe(@org.junit.jupiter.api.io.TempDir final Path dir)
      throws java.io.IOException {
    final String yaml = """
        apps:
          - appId: a
            keys: [{label: s, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
            stores:
              googlePlay:
                packageName: com.x
                publicKey: "%s"
                buyerBinding: require
                api: {serviceAccountFile: play.json, rootUrl: "http://127.0.0.1:9/"}
              huaweiAppGallery: {packageName: com.x, applicationId: 101234567, publicKey: "%s"}
              stripe: {endpointSecrets: [env:STRIPE_SECRET, whsec_previous_0123456789], toleranceSeconds: 120}
        """.formatted(ApiKeys.sha256Hex("k"), RSA, RSA);
    java.nio.file.Files.writeString(dir.resolve("play.json"), "{\"type\": \"service_account\"}");

    final StoreSettings stores = Apps.parse(yaml, dir, name -> "STRIPE_SECRET".equals(name) ? "whsec_0123456789abcdef"
        : null)
        .find("a").orElseThrow().stores();

    assertThat(stores.googlePlay().buyerBinding()).isEqualTo("require");
    assertThat(new String(stores.googlePlay().api().serviceAccountJson(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("service_account");
    assertThat(stores.googlePlay().api().rootUrl()).isEqualTo("http://127.0.0.1:9/");
    assertThat(stores.huaweiAppGallery().applicationId()).isEqualTo(101_234_567L);
    assertThat(stores.stripe().endpointSecrets()).containsExactly("whsec_0123456789abcdef",
        "whsec_previous_0123456789");
    assertThat(stores.stripe().toleranceSeconds()).isEqualTo(120L);
    assertThatThrownBy(() -> Apps.parse(yaml.replace("require", "sometimes").replace("play.json", "gone.json"), dir,
        name -> null)).isInstanceOfSatisfying(AppsConfigException.class, e -> assertThat(e.problems())
            .extracting(AppsConfigException.Problem::key)
            .contains("apps[0].stores.googlePlay.buyerBinding"));
    assertThatThrownBy(() -> Apps.parse(yaml.replace("play.json", "gone.json"), dir, name -> "whsec_0123456789abcdef"))
        .isInstanceOfSatisfying(AppsConfigException.class, e -> assertThat(e.problems())
            .extracting(AppsConfigException.Problem::key).containsExactly(
                "apps[0].stores.googlePlay.api.serviceAccountFile"));
  }

  @Test
  void refusesAnInitialCatalogThatGivesAStoreProductIdToTwoProducts() {
    final String clash = yaml("").replace(
        "- {productId: gems_100, productType: consumable, storeProductIds: {test: gems_100}, grants: {currencies: {gems: 100}}}",
        "- {productId: gems_100, productType: consumable, storeProductIds: {test: gems_100}, grants: {currencies: {gems: 100}}}\n"
            + "        - {productId: gems_big, productType: consumable, storeProductIds: {test: gems_100}, grants: {currencies: {gems: 9999}}}");

    assertThat(clash).contains("gems_big");
    assertThatThrownBy(() -> parse(clash)).isInstanceOfSatisfying(AppsConfigException.class, e -> {
      assertThat(e.key()).isEqualTo("apps[0].catalog.products[1].storeProductIds.test");
      assertThat(e.getMessage()).contains("gems_100", "gems_big");
    });
  }

  private static void assertBad(final String yaml, final String key) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(AppsConfigException.class,
        e -> assertThat(e.key()).isEqualTo(key));
  }

  private static String rsaKey() {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
