package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConfigTest {

  @Test
  void defaultsWithoutFileOrEnvironment() {
    final LocalConfig config = LocalConfig.load(null, Map.of());

    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.controllerPort()).isEqualTo(9093);
    assertThat(config.registryPort()).isEqualTo(8081);
    assertThat(config.dataDir()).isEqualTo(Path.of(".coffer-data").toAbsolutePath().normalize());
  }

  @Test
  void theEnvironmentOverridesTheFile(@TempDir final Path dir) throws IOException {
    final Path file = Files.writeString(dir.resolve("coffer-local.properties"),
        "kafka.port=19092\nregistry.port=18081\ndata.dir=" + dir.resolve("data") + "\n");

    final LocalConfig config = LocalConfig.load(file, Map.of("COFFER_REGISTRY_PORT", "28081"));

    assertThat(config.kafkaPort()).isEqualTo(19092);
    assertThat(config.registryPort()).isEqualTo(28081);
    assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
  }

  @Test
  void aBadValueIsReportedWithItsKeyAndSource() {
    assertThatThrownBy(() -> LocalConfig.load(null, Map.of("COFFER_KAFKA_PORT", "ninety")))
        .isInstanceOf(LocalConfig.InvalidException.class)
        .hasMessageContaining("kafka.port")
        .hasMessageContaining("COFFER_KAFKA_PORT")
        .hasMessageContaining("'ninety'");
    assertThatThrownBy(() -> LocalConfig.load(null, Map.of("COFFER_REGISTRY_PORT", "70000")))
        .hasMessageContaining("registry.port");
    assertThatThrownBy(() -> LocalConfig.load(null, Map.of("COFFER_REGISTRY_PORT", "9092")))
        .hasMessageContaining("must differ");
  }

  @Test
  void anUnknownKeyInTheFileIsReported(@TempDir final Path dir) throws IOException {
    final Path file = Files.writeString(dir.resolve("coffer-local.properties"), "kafka.prot=19092\n");

    assertThatThrownBy(() -> LocalConfig.load(file, Map.of()))
        .isInstanceOf(LocalConfig.InvalidException.class)
        .hasMessageContaining("kafka.prot (file coffer-local.properties): unknown key");
  }

  @Test
  void oneAppsFileForBothServices(@TempDir final Path dir) throws IOException {
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), "apps: []\n");
    final Path other = Files.writeString(dir.resolve("other.yaml"), "apps: []\n");

    assertThat(LocalConfig.load(null, Map.of()).appsFile()).as("the bundled demo app").isNull();
    assertThat(LocalConfig.load(null, Map.of(), apps).appsFile()).isEqualTo(apps);
    assertThat(LocalConfig.load(null, Map.of("COFFER_APPS_FILE", other.toString()), apps).appsFile())
        .as("the flag wins").isEqualTo(apps);
    assertThat(LocalConfig.load(null, Map.of("COFFER_GATEWAY_APPS_FILE", apps.toString(),
        "COFFER_PROJECTIONS_APPS_FILE", apps.toString())).appsFile()).as("both services' variables agree")
        .isEqualTo(apps);
    assertThat(LocalConfig.load(null, Map.of("COFFER_GATEWAY_APPS_FILE", apps.toString()), apps).appsFile())
        .as("a service's variable naming the same file").isEqualTo(apps);
  }

  @Test
  void twoAppsFilesAreRefused(@TempDir final Path dir) throws IOException {
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), "apps: []\n");
    final Path other = Files.writeString(dir.resolve("other.yaml"), "apps: []\n");

    assertThatThrownBy(() -> LocalConfig.load(null, Map.of("COFFER_PROJECTIONS_APPS_FILE", other.toString()), apps))
        .isInstanceOf(LocalConfig.InvalidException.class)
        .hasMessageContaining("COFFER_PROJECTIONS_APPS_FILE names " + other)
        .hasMessageContaining("--apps");
    assertThatThrownBy(() -> LocalConfig.load(null, Map.of("COFFER_GATEWAY_APPS_FILE", apps.toString())))
        .as("one service's alone").hasMessageContaining("COFFER_GATEWAY_APPS_FILE");
    assertThatThrownBy(() -> LocalConfig.load(null, Map.of("COFFER_GATEWAY_APPS_FILE", apps.toString(),
        "COFFER_PROJECTIONS_APPS_FILE", other.toString()))).hasMessageContaining("apps.file");
    assertThatThrownBy(() -> LocalConfig.load(null, Map.of(), dir.resolve("missing.yaml")))
        .hasMessageContaining("--apps names").hasMessageContaining("not a file");
  }
}
