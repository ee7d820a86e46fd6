package dev.coffer.gateway.purchases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.gateway.receipts.BuyerBinding;
import dev.coffer.gateway.receipts.apple.AppStoreServerFake;
import dev.coffer.gateway.receipts.google.GooglePlayFake;
import dev.coffer.gateway.receipts.huawei.HuaweiKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOptionsReaderTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @SuppressWarnings("unchecked")
  private static Map<String, ?> stores(final String yaml) throws IOException {
    return YAML.readValue(yaml, Map.class);
  }

  @Test
  void readsEveryStoreOptionFromTheAppsFileShape(@TempDir final Path dir) throws IOException {
    final HuaweiKeys huawei = HuaweiKeys.create();
    try (GooglePlayFake google = GooglePlayFake.start();
         AppStoreServerFake apple = AppStoreServerFake.start("com.example.game", 1L)) {
      Files.write(dir.resolve("play-sa.json"), google.serviceAccountJson());
      Files.writeString(dir.resolve("key.p8"), apple.settings().privateKeyPem(), StandardCharsets.US_ASCII);
      final Map<String, ?> stores = stores("""
          googlePlay:
            packageName: com.example.game
            publicKey: ignored-here
            buyerBinding: require
            api: {serviceAccountFile: play-sa.json, rootUrl: "%s"}
          apple:
            bundleId: com.example.game
            buyerBinding: check
            api: {keyId: ABC123, issuerId: issuer-1, privateKeyFile: key.p8, baseUrl: "http://127.0.0.1:9"}
          huaweiAppGallery: {packageName: com.example.game, applicationId: 101234567, publicKey: "%s"}
          stripe: {endpointSecrets: ["env:STRIPE_SECRET", whsec_old], toleranceSeconds: 120}
          """.formatted(google.rootUrl(), huawei.publicKeyBase64()));

      final StoreOptions options = new StoreOptionsReader(dir, name -> "STRIPE_SECRET".equals(name) ? "whsec_new" : null)
          .read("apps[0].stores", stores);

      assertThat(options.googlePlayBinding()).isEqualTo(BuyerBinding.REQUIRE);
      assertThat(options.appleBinding()).isEqualTo(BuyerBinding.CHECK);
      assertThat(options.googlePlayApi().packageName()).isEqualTo("com.example.game");
      assertThat(options.googlePlayApi().rootUrl()).isEqualTo(google.rootUrl());
      assertThat(options.googlePlayApi().serviceAccountJson()).isEqualTo(google.serviceAccountJson());
      assertThat(options.appleApi().keyId()).isEqualTo("ABC123");
      assertThat(options.appleApi().baseUrl()).isEqualTo("http://127.0.0.1:9");
      assertThat(options.huawei().applicationId()).isEqualTo(101_234_567L);
      assertThat(options.stripe().endpointSecrets()).containsExactly("whsec_new", "whsec_old");
      assertThat(options.stripe().tolerance()).isEqualTo(Duration.ofSeconds(120));
    }
  }

  @Test
  void leavesEverythingOffWhenTheAppSaysNothing() throws IOException {
    final StoreOptions options = new StoreOptionsReader(null, name -> null)
        .read("apps[0].stores", stores("test: {secret: x}"));

    assertThat(options).isEqualTo(StoreOptions.none());
    assertThat(new StoreOptionsReader(null, name -> null).read("apps[0].stores", null)).isEqualTo(StoreOptions.none());
  }

  @Test
  void namesTheBadKey(@TempDir final Path dir) {
    final StoreOptionsReader reader = new StoreOptionsReader(dir, name -> null);

    assertThatThrownBy(() -> reader.read("apps[0].stores", stores("googlePlay: {packageName: p, buyerBinding: sometimes}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[0].stores.googlePlay.buyerBinding"));
    assertThatThrownBy(() -> reader.read("apps[0].stores", stores("googlePlay: {packageName: p, api: {serviceAccountFile: nope.json}}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[0].stores.googlePlay.api"));
    assertThatThrownBy(() -> reader.read("apps[0].stores", stores("huaweiAppGallery: {packageName: p, publicKey: bad}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[0].stores.huaweiAppGallery"));
    assertThatThrownBy(() -> reader.read("apps[0].stores", stores("stripe: {endpointSecrets: [env:MISSING]}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[0].stores.stripe.endpointSecrets[0]"));
    assertThatThrownBy(() -> reader.read("apps[0].stores", stores("stripe: {endpointSecret: x}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[0].stores.stripe.endpointSecret"));
    assertThatThrownBy(() -> reader.read("apps[0].stores", stores("apple: {api: {keyId: k}}")))
        .isInstanceOfSatisfying(AppsConfigException.class,
            e -> assertThat(e.key()).isEqualTo("apps[0].stores.apple.api.issuerId"));
  }
}
