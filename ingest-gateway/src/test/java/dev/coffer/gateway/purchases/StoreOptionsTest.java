package dev.coffer.gateway.purchases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.gateway.receipts.BuyerBinding;
import dev.coffer.gateway.receipts.apple.AppStoreServerFake;
import dev.coffer.gateway.receipts.apple.ApplePki;
import dev.coffer.gateway.receipts.google.GooglePlayFake;
import dev.coffer.gateway.receipts.huawei.HuaweiKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apps file's store settings, as the gateway uses them. */
class StoreOptionsTest {

  private static App app(final Path dir, final String stores) {
    return Apps.parse("""
        apps:
          - appId: demo
            keys: [{label: server, role: server, sha256: %s}]
            pseudonymKey: pseudonym-key-0123456789abcdef0123456789
            playerTokenSecret: token-secret-0123456789abcdef0123456789
            stores:
        %s""".formatted(ApiKeys.sha256Hex("k"), stores.indent(6)), dir,
        name -> "STRIPE_SECRET".equals(name) ? "whsec_from_the_environment" : null).find("demo").orElseThrow();
  }

  private static String rsa(final int bits) {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsEveryStoreOptionFromTheAppsFile(@TempDir final Path dir) throws IOException {
    final HuaweiKeys huawei = HuaweiKeys.create();
    try (GooglePlayFake google = GooglePlayFake.start();
        AppStoreServerFake apple = AppStoreServerFake.start("com.example.game", 1L)) {
      Files.write(dir.resolve("play-sa.json"), google.serviceAccountJson());
      Files.writeString(dir.resolve("key.p8"), apple.settings().privateKeyPem(), StandardCharsets.US_ASCII);
      Files.write(dir.resolve("root.cer"), ApplePki.create().rootDer());
      final App app = app(dir, """
          googlePlay:
            packageName: com.example.game
            publicKey: "%s"
            buyerBinding: require
            api: {serviceAccountFile: play-sa.json, rootUrl: "%s"}
          apple:
            bundleId: com.example.game
            environment: sandbox
            trustedRoots: [root.cer]
            buyerBinding: check
            api: {keyId: ABC123, issuerId: issuer-1, privateKeyFile: key.p8, baseUrl: "http://127.0.0.1:9"}
          huaweiAppGallery: {packageName: com.example.game, applicationId: 101234567, publicKey: "%s"}
          stripe: {endpointSecrets: ["env:STRIPE_SECRET", whsec_previous_secret], toleranceSeconds: 120}
          """.formatted(rsa(2048), google.rootUrl(), huawei.publicKeyBase64()));

      final StoreOptions options = StoreOptions.of(app);
      final AppStores stores = AppStores.of(app, Clock.systemUTC());

      assertThat(options.googlePlayBinding()).isEqualTo(BuyerBinding.REQUIRE);
      assertThat(options.appleBinding()).isEqualTo(BuyerBinding.CHECK);
      assertThat(options.googlePlayApi().packageName()).isEqualTo("com.example.game");
      assertThat(options.googlePlayApi().rootUrl()).isEqualTo(google.rootUrl());
      assertThat(options.googlePlayApi().serviceAccountJson()).isEqualTo(google.serviceAccountJson());
      assertThat(options.appleApi().keyId()).isEqualTo("ABC123");
      assertThat(options.appleApi().baseUrl()).isEqualTo("http://127.0.0.1:9");
      assertThat(options.huawei().applicationId()).isEqualTo(101_234_567L);
      assertThat(options.stripe().endpointSecrets())
          .containsExactly("whsec_from_the_environment", "whsec_previous_secret");
      assertThat(options.stripe().tolerance()).isEqualTo(Duration.ofSeconds(120));
      assertThat(stores.googlePlayApi()).isNotNull();
      assertThat(stores.appleApi()).isNotNull();
      assertThat(stores.huawei()).isNotNull();
      assertThat(stores.stripe()).isNotNull();
    }
  }

  @Test
  void leavesEverythingOffWhenTheAppSaysNothing(@TempDir final Path dir) {
    assertThat(StoreOptions.of(app(dir, "test: {secret: test-secret-0123456789}"))).isEqualTo(StoreOptions.none());
  }

  @Test
  void namesTheSettingAStoreRefuses(@TempDir final Path dir) throws IOException {
    Files.writeString(dir.resolve("play-sa.json"), "{\"type\": \"not a key\"}");

    assertThatThrownBy(() -> StoreOptions.of(app(dir,
        "huaweiAppGallery: {packageName: p, publicKey: \"" + rsa(1024) + "\"}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[demo].stores.huaweiAppGallery"));
    assertThatThrownBy(() -> AppStores.of(app(dir, "googlePlay: {packageName: p, publicKey: \"" + rsa(2048)
        + "\", api: {serviceAccountFile: play-sa.json}}"), Clock.systemUTC()))
        .isInstanceOfSatisfying(AppsConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("apps[demo].stores.googlePlay.api.serviceAccountFile");
          assertThat(e.getMessage()).contains("service account");
        });
  }
}
