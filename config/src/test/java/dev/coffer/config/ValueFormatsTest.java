package dev.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueFormatsTest {
  enum Mode { FAST, SLOW_START }

  @Test
  void numbersAndBooleans() {
    assertThat(ValueFormats.longIn("42", 1, 42)).isEqualTo(42);
    assertThatThrownBy(() -> ValueFormats.longIn("43", 1, 42)).isInstanceOf(ValueFormats.BadValue.class)
        .hasMessage("must be between 1 and 42, was 43");
    assertThatThrownBy(() -> ValueFormats.longIn("4.2", 1, 42)).hasMessage("'4.2' is not a whole number");
    assertThat(ValueFormats.decimalIn("0.5", 0.001, 1)).isEqualTo(0.5);
    assertThatThrownBy(() -> ValueFormats.decimalIn("NaN", 0.001, 1))
        .hasMessage("must be between 0.001 and 1, was NaN");
    assertThatThrownBy(() -> ValueFormats.decimalIn("half", 0, 1)).hasMessage("'half' is not a number");
    assertThat(ValueFormats.bool("False")).isFalse();
    assertThat(ValueFormats.bool("TRUE")).isTrue();
    assertThatThrownBy(() -> ValueFormats.bool("1")).hasMessage("must be true or false, was 1");
  }

  @Test
  void sizesInBinaryUnits() {
    assertThat(ValueFormats.bytes("1048576", 1, Long.MAX_VALUE)).isEqualTo(1L << 20);
    assertThat(ValueFormats.bytes("64 KiB", 1, Long.MAX_VALUE)).isEqualTo(64L << 10);
    assertThat(ValueFormats.bytes("1g", 1, Long.MAX_VALUE)).isEqualTo(1L << 30);
    assertThatThrownBy(() -> ValueFormats.bytes("1k", 2048, Long.MAX_VALUE))
        .hasMessage("must be at least 2048 bytes, was 1024");
    assertThatThrownBy(() -> ValueFormats.bytes("2m", 1, 1 << 20))
        .hasMessage("must be between 1 and 1048576 bytes, was 2097152");
    assertThatThrownBy(() -> ValueFormats.bytes("99999999999999999999", 1, Long.MAX_VALUE))
        .hasMessage("'99999999999999999999' is too large");
    assertThatThrownBy(() -> ValueFormats.bytes("9999999999999g", 1, Long.MAX_VALUE))
        .hasMessage("'9999999999999g' is too large");
    assertThatThrownBy(() -> ValueFormats.bytes("1TiB", 1, Long.MAX_VALUE))
        .hasMessage("'1TiB' is not a size (e.g. 65536, 64KiB, 256MiB, 1GiB)");
  }

  @Test
  void durationsShortOrIso() {
    assertThat(ValueFormats.positiveDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ValueFormats.positiveDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(ValueFormats.positiveDuration("12H")).isEqualTo(Duration.ofHours(12));
    assertThat(ValueFormats.positiveDuration("pt5s")).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> ValueFormats.positiveDuration("PT-5S")).hasMessage("must be positive, was PT-5S");
    assertThatThrownBy(() -> ValueFormats.positiveDuration("5 weeks"))
        .hasMessage("'5 weeks' is not a duration (e.g. 500ms, 30s, 400d, PT12H)");
  }

  @Test
  void addressesNamesAndPaths() {
    assertThat(ValueFormats.hostPorts("a:1,[::1]:9092")).isEqualTo("a:1,[::1]:9092");
    assertThatThrownBy(() -> ValueFormats.hostPorts("a:1, b:99999"))
        .hasMessage("'b:99999' is not host:port (expected host1:port1,host2:port2)");
    assertThat(ValueFormats.hostPort("h:8091")).isEqualTo("h:8091");
    assertThatThrownBy(() -> ValueFormats.hostPort("h:0")).hasMessage("'h:0' is not host:port");
    assertThat(ValueFormats.httpUrl("HTTPS://r:1/x")).isEqualTo(URI.create("HTTPS://r:1/x"));
    assertThatThrownBy(() -> ValueFormats.httpUrl("/relative"))
        .hasMessage("'/relative' is not an absolute http(s) URL");
    assertThatThrownBy(() -> ValueFormats.httpUrl("http://a b")).hasMessageStartingWith("'http://a b' is not a URL: ");
    assertThat(ValueFormats.kafkaName("coffer.ledger-outcomes_v1")).isEqualTo("coffer.ledger-outcomes_v1");
    assertThatThrownBy(() -> ValueFormats.kafkaName("a/b"))
        .hasMessage("'a/b' may only contain letters, digits, '.', '_' and '-'");
    assertThat(ValueFormats.path("state/dir")).isEqualTo(Path.of("state/dir"));
    assertThatThrownBy(() -> ValueFormats.path("a\0b")).hasMessageStartingWith("'a\0b' is not a path: ");
  }

  @Test
  void enumsIgnoreCaseAndTakeDashes() {
    assertThat(ValueFormats.enumValue("slow-start", Mode.class)).isEqualTo(Mode.SLOW_START);
    assertThatThrownBy(() -> ValueFormats.enumValue("slower", Mode.class))
        .hasMessage("'slower' is not one of [FAST, SLOW_START]");
  }
}
