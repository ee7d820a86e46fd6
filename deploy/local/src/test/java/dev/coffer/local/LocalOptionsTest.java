package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {
  @Test
  void readsTheAppsFileAndTheDemoTraffic() {
    final LocalOptions both = LocalOptions.parse(new String[] {"--apps", "my-apps.yaml", "--demo-traffic=5"});
    final LocalOptions joined = LocalOptions.parse(new String[] {"--apps=my-apps.yaml"});
    final LocalOptions none = LocalOptions.parse(new String[0]);

    assertThat(both.appsFile()).isEqualTo(Path.of("my-apps.yaml"));
    assertThat(both.demoTraffic()).hasValue(5);
    assertThat(joined.appsFile()).isEqualTo(Path.of("my-apps.yaml"));
    assertThat(joined.demoTraffic()).isEmpty();
    assertThat(none.appsFile()).isNull();
  }

  @Test
  void refusesWhatItDoesNotKnowWithTheUsage() {
    assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--apps"})).hasMessageContaining("--apps needs a FILE")
        .hasMessageContaining(LocalOptions.USAGE);
    assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--apps", "--demo-traffic"}))
        .hasMessageContaining("--apps needs a FILE");
    assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--demo-traffic=x"}))
        .hasMessageContaining("whole number").hasMessageContaining(LocalOptions.USAGE);
    assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--app", "x"})).hasMessageContaining("unknown argument");
  }
}
