package dev.coffer.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DemoTrafficOptionTest {

  @Test
  void absentUnboundedOrBounded() {
    assertThat(DemoTrafficOption.parse(new String[0])).isEmpty();
    assertThat(DemoTrafficOption.parse(new String[] {"--demo-traffic"})).isEqualTo(OptionalLong.of(0));
    assertThat(DemoTrafficOption.parse(new String[] {"--demo-traffic=200"})).isEqualTo(OptionalLong.of(200));
  }

  @Test
  void badArgumentsAreRefusedWithTheUsage() {
    assertThatThrownBy(() -> DemoTrafficOption.parse(new String[] {"--demo-traffic=0"}))
        .hasMessageContaining("positive").hasMessageContaining("usage");
    assertThatThrownBy(() -> DemoTrafficOption.parse(new String[] {"--demo-traffic=lots"}))
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> DemoTrafficOption.parse(new String[] {"--demo"}))
        .hasMessageContaining("unknown argument '--demo'");
  }
}
