package dev.coffer.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.gateway.receipts.apple.ApplePki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
  private static final Map<String, String> REQUIRED = Map.of(GatewayConfig.BOOTSTRAP_SERVERS, "localhost:9092",
      GatewayConfig.REGISTRY_URL, "http://localhost:8080/apis/ccompat/v7", GatewayConfig.APPS_FILE, "apps.yaml");

  @Test
  void appliesDefaultsFileAndEnvironmentOverrides(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, """
        bootstrap.servers: broker:9092
        registry: {url: "http://registry:8080/apis/ccompat/v7"}
        apps.file: /etc/coffer/apps.yaml
        outcome.wait: 2s
        kafka: {client.id: gw-1}
        """);

    final GatewayConfig config = GatewayConfig.load(file, Map.of("COFFER_GATEWAY_HTTP_PORT", "9000",
        "COFFER_GATEWAY_RATE_PLAYER_PER_SECOND", "0.5"));

    assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(config.registryUrl()).isEqualTo("http://registry:8080/apis/ccompat/v7");
    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.outcomeWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.playerRate().perSecond()).isEqualTo(0.5);
    assertThat(config.maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(config.kafka()).containsEntry("client.id", "gw-1");
  }

  @Test
  void namesTheBadKey() {
    assertBad(Map.of(), GatewayConfig.APPS_FILE, GatewayConfig.BOOTSTRAP_SERVERS, GatewayConfig.REGISTRY_URL);
    assertBad(with(GatewayConfig.HTTP_PORT, "70000"), GatewayConfig.HTTP_PORT);
    assertBad(with(GatewayConfig.OUTCOME_WAIT, "soon"), GatewayConfig.OUTCOME_WAIT);
    assertBad(with(GatewayConfig.MAX_BODY_BYTES, "1"), GatewayConfig.MAX_BODY_BYTES);
    assertBad(with(GatewayConfig.RATE_APP_PER_SECOND, "-1"), GatewayConfig.RATE_APP_PER_SECOND);
    assertBad(with(GatewayConfig.REGISTRY_URL, "registry:8080"), GatewayConfig.REGISTRY_URL);
    assertBad(with("http.prot", "1"), "http.prot");
  }

  @Test
  void theExampleAppsFileIsValidOnceItsPlaceholdersAreFilled() throws IOException, NoSuchAlgorithmException {
    final String example;
    try (InputStream in = GatewayConfigTest.class.getResourceAsStream("/apps.example.yaml")) {
      example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    final KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    final String key = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
    final String filled = example.replaceAll("publicKey: \"MI[A-Za-z0-9+/]*\\.\\.\\.\"", "publicKey: \"" + key + "\"")
        .replace("[certs/AppleRootCA-G3.cer]", "[\"base64:" + Base64.getEncoder().encodeToString(
            ApplePki.create().rootDer()) + "\"]");
    final Map<String, String> env = Map.of("DEMO_PSEUDONYM_KEY", "p".repeat(32), "DEMO_PLAYER_TOKEN_SECRET",
        "t".repeat(32), "DEMO_GOOGLE_NOTIFICATION_TOKEN", "g".repeat(20), "DEMO_TEST_STORE_SECRET", "s".repeat(20),
        "DEMO_WEBHOOK_SECRET", "w".repeat(32), "DEMO_STRIPE_WEBHOOK_SECRET", "whsec_" + "x".repeat(20));

    final App demo = Apps.parse(filled, Path.of("."), env::get).find("demo").orElseThrow();

    assertThat(demo.authenticate("demo-server-key-change-me")).isPresent();
    assertThat(demo.authenticate("demo-client-key-change-me")).isPresent();
    assertThat(demo.catalog().products()).hasSize(3);
    assertThat(demo.stores().apple().bundleId()).isEqualTo("com.example.demo");
    assertThat(demo.stores().apple().buyerBinding()).isEqualTo("check");
    assertThat(demo.stores().stripe().endpointSecrets()).hasSize(1);
  }

  private static Map<String, String> with(final String key, final String value) {
    final Map<String, String> m = new HashMap<>(REQUIRED);
    m.put(key, value);
    return m;
  }

  private static void assertBad(final Map<String, String> values, final String... keys) {
    assertThatThrownBy(() -> GatewayConfig.fromMap(values)).isInstanceOfSatisfying(GatewayConfigException.class,
        e -> assertThat(e.keys()).containsExactly(keys));
  }
}
