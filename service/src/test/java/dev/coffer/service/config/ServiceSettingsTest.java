package dev.coffer.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.config.ConfigException;
import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSettingsTest {
  private static final ConfigSpec SPEC = ConfigSpec.builder("test")
      .with(ServiceSettings::declareKafka)
      .key("own.first", "x")
      .with(b -> ServiceSettings.declareHttp(b, 8099))
      .with(b -> ServiceSettings.declareShutdown(b, "20s"))
      .with(b -> ServiceSettings.declareDirectory(b, "7s"))
      .key("own.token", "")
      .with(ServiceSettings::declareSchemasAutoRegister)
      .envPrefix("COFFER_TEST_")
      .build();

  @TempDir
  Path dir;

  private static Map<String, String> required(final Path apps) {
    return Map.of(ServiceSettings.BOOTSTRAP_SERVERS, "k1:9092,k2:9092", ServiceSettings.REGISTRY_URL,
        "http://registry:8081", ServiceSettings.APPS_FILE, apps.toString());
  }

  @Test
  void eachGroupIsDeclaredWhereTheServicePutsIt() {
    assertThat(SPEC.keys()).containsExactly("bootstrap.servers", "registry.url", "apps.file", "own.first",
        "http.host", "http.port", "ops.port", "shutdown.timeout", "directory.timeout", "directory.cache.size",
        "own.token", "schemas.auto-register");
    assertThat(SPEC.defaultOf(ServiceSettings.BOOTSTRAP_SERVERS)).isNull();
    assertThat(SPEC.envName(ServiceSettings.OPS_PORT)).isEqualTo("COFFER_TEST_OPS_PORT");
  }

  @Test
  void readsTheServicesDefaultsAndTheEnvironment() throws IOException {
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), "apps: {}\n");
    final ConfigValues v = SPEC.fromMap(required(apps), "settings", Map.of("COFFER_TEST_OPS_PORT", "9100"));
    final ServiceSettings s = ServiceSettings.read(v, true);
    v.throwIfInvalid();

    assertThat(s).isEqualTo(new ServiceSettings("k1:9092,k2:9092", URI.create("http://registry:8081"), apps,
        "127.0.0.1", 8099, 9100, Duration.ofSeconds(7), 100_000, Duration.ofSeconds(20), false));
    assertThat(v.origin(ServiceSettings.OPS_PORT)).isEqualTo("env COFFER_TEST_OPS_PORT");
  }

  @Test
  void opsPortUnsetIsNullAndZeroMeansAnyFreePort() {
    final Path apps = dir.resolve("later.yaml");
    assertThat(ServiceSettings.read(SPEC.fromMap(required(apps), null, null), false).opsPort()).isNull();
    final ConfigValues v = SPEC.fromMap(Map.of(ServiceSettings.BOOTSTRAP_SERVERS, "k:1", ServiceSettings.REGISTRY_URL,
        "https://r", ServiceSettings.APPS_FILE, "apps.yaml", ServiceSettings.OPS_PORT, "0",
        ServiceSettings.HTTP_PORT, "0"), null, null);
    final ServiceSettings s = ServiceSettings.read(v, false);
    v.throwIfInvalid();
    assertThat(s.opsPort()).isZero();
    assertThat(s.httpPort()).isZero();
  }

  @Test
  void namesEveryBadKeyAndRequiresTheAppsFileOnlyWhenAsked() {
    final Path missing = dir.resolve("missing.yaml");
    final ConfigValues lenient = SPEC.fromMap(required(missing), null, null);
    ServiceSettings.read(lenient, false);
    lenient.throwIfInvalid();

    final ConfigValues v = SPEC.fromMap(Map.of(ServiceSettings.BOOTSTRAP_SERVERS, "nohost",
        ServiceSettings.REGISTRY_URL, "ftp://r", ServiceSettings.APPS_FILE, missing.toString(),
        ServiceSettings.OPS_PORT, "70000", ServiceSettings.DIRECTORY_CACHE_SIZE, "0",
        ServiceSettings.SHUTDOWN_TIMEOUT, "soon", ServiceSettings.SCHEMAS_AUTO_REGISTER, "maybe"), null, null);
    ServiceSettings.read(v, true);
    assertThatThrownBy(v::throwIfInvalid).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.keys()).containsExactly("apps.file", "bootstrap.servers", "directory.cache.size", "ops.port",
          "registry.url", "schemas.auto-register", "shutdown.timeout");
      assertThat(e.problems()).extracting(ConfigException.Problem::message).containsExactly(
          "no such file: " + missing,
          "'nohost' is not host:port (expected host1:port1,host2:port2)",
          "must be between 1 and 100000000, was 0",
          "must be between 0 and 65535, was 70000",
          "'ftp://r' is not an absolute http(s) URL",
          "must be true or false, was maybe",
          "'soon' is not a duration (e.g. 500ms, 30s, 400d, PT12H)");
    });
  }

  @Test
  void requiredKeysNameTheirVariable() {
    final ConfigValues v = SPEC.fromMap(Map.of(), null, null);
    ServiceSettings.read(v, false);
    assertThatThrownBy(v::throwIfInvalid).isInstanceOf(ConfigException.class).hasMessage("invalid test configuration: "
        + "apps.file: is required (in the file, or as COFFER_TEST_APPS_FILE); "
        + "bootstrap.servers: is required (in the file, or as COFFER_TEST_BOOTSTRAP_SERVERS); "
        + "registry.url: is required (in the file, or as COFFER_TEST_REGISTRY_URL)");
  }

  @Test
  void anInternalTokenIsOptionalAndABadOneIsNamedWithoutItsValue() {
    final ConfigValues unset = SPEC.fromMap(Map.of(), null, null);
    assertThat(ServiceSettings.internalToken(unset, "own.token")).isNull();
    assertThat(unset.ok("own.token")).isTrue();

    final String secret = "a".repeat(30);
    final ConfigValues good = SPEC.fromMap(Map.of("own.token", secret), null, null);
    assertThat(ServiceSettings.internalToken(good, "own.token").header()).isEqualTo("Bearer " + secret);

    final ConfigValues shortToken = SPEC.fromMap(Map.of("own.token", "tooshort"), null, null);
    assertThat(ServiceSettings.internalToken(shortToken, "own.token")).isNull();
    assertThatThrownBy(shortToken::throwIfInvalid).isInstanceOf(ConfigException.class)
        .hasMessageContaining("own.token: must be at least 24 characters")
        .hasMessageNotContaining("tooshort");
  }
}
