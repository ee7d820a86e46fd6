package dev.coffer.projections.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionsConfigTest {
  @TempDir
  Path dir;

  private Path apps() throws IOException {
    return Files.writeString(dir.resolve("apps.yaml"), "apps: []");
  }

  @Test
  void readsYamlWithEnvironmentOverrides() throws IOException {
    final Path file = Files.writeString(dir.resolve("projections.yaml"), """
        bootstrap.servers: localhost:9092
        registry.url: http://127.0.0.1:8080/apis/ccompat/v7
        apps:
          file: %s
        http: {port: 9000}
        read.min-version-wait: 2s
        kafka.security.protocol: PLAINTEXT
        """.formatted(apps()));

    final ProjectionsConfig config = ProjectionsConfig.load(file, Map.of("COFFER_PROJECTIONS_HTTP_PORT", "9100",
        "COFFER_PROJECTIONS_WEBHOOKS_MAX_ATTEMPTS", "3", "PATH", "/bin"));

    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.webhookMaxAttempts()).isEqualTo(3);
    assertThat(config.minVersionWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.outcomesTopic()).isEqualTo("coffer.ledger-outcomes");
    assertThat(config.streamsProperties(9100)).containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG,
        "127.0.0.1:9100").containsEntry("security.protocol", "PLAINTEXT")
        .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
  }

  @Test
  void namesEveryBadKey() throws IOException {
    final String apps = apps().toString();
    assertThatThrownBy(() -> ProjectionsConfig.fromMap(Map.of("bootstrap.servers", "nohost",
        "registry.url", "ftp://x", "apps.file", apps, "http.port", "70000", "htp.port", "1",
        "kafka.application.id", "x", "read.forward-timeout", "1s")))
        .isInstanceOf(ProjectionsConfigException.class)
        .hasMessageContaining("bootstrap.servers: 'nohost' is not host:port")
        .hasMessageContaining("registry.url")
        .hasMessageContaining("http.port: must be between 0 and 65535")
        .hasMessageContaining("htp.port: unknown key")
        .hasMessageContaining("kafka.application.id: may not be overridden")
        .hasMessageContaining("read.forward-timeout: must be longer than read.min-version-wait");
    assertThatThrownBy(() -> ProjectionsConfig.load(Files.writeString(dir.resolve("p.properties"), ""),
        Map.of("COFFER_PROJECTIONS_NOPE", "1")))
        .hasMessageContaining("COFFER_PROJECTIONS_NOPE (environment): unknown variable")
        .hasMessageContaining("apps.file: is required");
    assertThatThrownBy(() -> ProjectionsConfig.fromMap(Map.of("bootstrap.servers", "h:1",
        "registry.url", "http://r", "apps.file", apps, "http.host", "0.0.0.0")))
        .hasMessageContaining("advertised.host (default): must be set");
  }
}
