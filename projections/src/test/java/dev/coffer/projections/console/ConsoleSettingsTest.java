package dev.coffer.projections.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's keys in the projections configuration: defaults, environment overrides, named errors. */
class ConsoleSettingsTest {
  @TempDir
  Path dir;

  @Test
  void defaultsServeTheConsoleAndRunTheAggregates() throws Exception {
    final ConsoleSettings console = ProjectionsConfig.fromMap(base()).console();
    assertThat(console.enabled()).isTrue();
    assertThat(console.analytics()).isTrue();
    assertThat(console.outcomeRetention()).isEqualTo(Duration.ofHours(48));
    assertThat(console.ledgerDeadLetterTopic()).isEqualTo("coffer.ledger-dead-letters");
    assertThat(console.deadLetterScan()).isEqualTo(1000);
  }

  @Test
  void theEnvironmentOverridesAKey() throws Exception {
    final ConsoleSettings console = ProjectionsConfig.fromMap(base(),
        Map.of("COFFER_PROJECTIONS_ANALYTICS_ENABLED", "false", "COFFER_PROJECTIONS_CONSOLE_DEAD_LETTER_SCAN", "50"))
        .console();
    assertThat(console.analytics()).isFalse();
    assertThat(console.deadLetterScan()).isEqualTo(50);
  }

  @Test
  void badValuesAreNamed() throws Exception {
    final Map<String, String> settings = base();
    settings.put(ConsoleSettings.OUTCOME_RETENTION, "90d");
    settings.put(ConsoleSettings.FLUSH, "1ms");
    settings.put(ConsoleSettings.DEAD_LETTER_SCAN, "0");
    assertThatThrownBy(() -> ProjectionsConfig.fromMap(settings)).isInstanceOf(ProjectionsConfigException.class)
        .hasMessageContaining(ConsoleSettings.OUTCOME_RETENTION).hasMessageContaining(ConsoleSettings.FLUSH)
        .hasMessageContaining(ConsoleSettings.DEAD_LETTER_SCAN);
  }

  private Map<String, String> base() throws Exception {
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), "apps: []\n");
    final Map<String, String> m = new HashMap<>();
    m.put(ProjectionsConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
    m.put(ProjectionsConfig.REGISTRY_URL, "http://127.0.0.1:8081/apis/ccompat/v7");
    m.put(ProjectionsConfig.APPS_FILE, apps.toString());
    return m;
  }
}
