package dev.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValuesTest {
  private static final ConfigSpec SPEC = ConfigSpec.builder("test")
      .key("servers", null)
      .key("url", null)
      .key("name", "app")
      .key("count", "3")
      .key("http.port", "8080")
      .key("flag", "false")
      .key("cache-size", "64MiB")
      .key("timeout", "5s")
      .key("retention", null)
      .key("server", null)
      .key("rate", "1.5")
      .key("policy", "ONE_WAY")
      .envPrefix("COFFER_TEST_")
      .passthrough("kafka.")
      .build();

  enum Policy { ONE_WAY, OTHER_WAY }

  @TempDir
  Path dir;

  private static ConfigValues map(final Map<String, String> values) {
    return SPEC.fromMap(values, null, null);
  }

  private static ConfigException problems(final ConfigValues v) {
    try {
      v.throwIfInvalid();
    } catch (final ConfigException e) {
      return e;
    }
    throw new AssertionError("no problem found");
  }

  @Test
  void defaultsApplyAndRequiredKeysAreNamedWithTheirVariable() {
    final ConfigValues v = map(Map.of("name", " "));
    assertThat(v.text("name")).as("blank counts as unset").isEqualTo("app");
    assertThat(v.intIn("count", 1, 9)).isEqualTo(3);
    assertThat(v.port("http.port", false)).isEqualTo(8080);
    assertThat(v.bool("flag")).isFalse();
    assertThat(v.bytes("cache-size", 1, Long.MAX_VALUE)).isEqualTo(64L << 20);
    assertThat(v.duration("timeout")).isEqualTo(Duration.ofSeconds(5));
    assertThat(v.decimalIn("rate", 0.001, 10)).isEqualTo(1.5);
    assertThat(v.enumValue("policy", Policy.class)).isEqualTo(Policy.ONE_WAY);
    assertThat(v.durationOrForever("retention")).isNull();
    assertThat(v.hostPortOrNull("server")).isNull();
    assertThat(v.hostPorts("servers")).isNull();
    assertThat(v.httpUrl("url")).isNull();
    assertThat(problems(v)).hasMessage("invalid test configuration: "
        + "servers: is required (in the file, or as COFFER_TEST_SERVERS); "
        + "url: is required (in the file, or as COFFER_TEST_URL)");
  }

  @Test
  void goodValuesParse() {
    final ConfigValues v = map(Map.of("servers", "a:1, [::1]:9092", "url", "https://r:8080/x", "count", "9",
        "http.port", "0", "flag", "TRUE", "cache-size", "2g", "timeout", "PT1M", "retention", "400d",
        "server", "host-0.svc:8091", "policy", "other-way"));
    assertThat(v.hostPorts("servers")).isEqualTo("a:1, [::1]:9092");
    assertThat(v.httpUrl("url")).isEqualTo(URI.create("https://r:8080/x"));
    assertThat(v.intIn("count", 1, 9)).isEqualTo(9);
    assertThat(v.port("http.port", true)).isZero();
    assertThat(v.bool("flag")).isTrue();
    assertThat(v.bytes("cache-size", 1, Long.MAX_VALUE)).isEqualTo(2L << 30);
    assertThat(v.duration("timeout")).isEqualTo(Duration.ofMinutes(1));
    assertThat(v.durationOrForever("retention")).isEqualTo(Duration.of(400, ChronoUnit.DAYS));
    assertThat(v.hostPortOrNull("server")).isEqualTo("host-0.svc:8091");
    assertThat(v.enumValue("policy", Policy.class)).isEqualTo(Policy.OTHER_WAY);
    assertThat(map(Map.of("servers", "a:1", "url", "http://r", "retention", "Forever"))
        .durationOrForever("retention")).isNull();
    v.throwIfInvalid();
  }

  @Test
  void everyBadValueIsNamedInKeyOrder() {
    final ConfigValues v = map(Map.of("servers", "a:1,nohost", "url", "ftp://x", "count", "ten",
        "http.port", "70000", "flag", "yes", "cache-size", "lots", "timeout", "0s", "retention", "a while",
        "server", "h:0", "rate", "99"));
    v.hostPorts("servers");
    v.httpUrl("url");
    v.intIn("count", 1, 9);
    v.port("http.port", false);
    v.bool("flag");
    v.bytes("cache-size", 1, Long.MAX_VALUE);
    v.duration("timeout");
    v.durationOrForever("retention");
    v.hostPortOrNull("server");
    v.decimalIn("rate", 0.001, 10);
    map(Map.of()).enumValue("policy", Policy.class);
    final ConfigException e = problems(v);
    assertThat(e.keys()).containsExactly("cache-size", "count", "flag", "http.port", "rate", "retention",
        "server", "servers", "timeout", "url");
    assertThat(e.problems()).extracting(ConfigException.Problem::message).containsExactly(
        "'lots' is not a size (e.g. 65536, 64KiB, 256MiB, 1GiB)",
        "'ten' is not a whole number",
        "must be true or false, was yes",
        "must be between 1 and 65535, was 70000",
        "must be between 0.001 and 10, was 99",
        "'a while' is not a duration (e.g. 500ms, 30s, 400d, PT12H)",
        "'h:0' is not host:port",
        "'nohost' is not host:port (expected host1:port1,host2:port2)",
        "must be positive, was 0s",
        "'ftp://x' is not an absolute http(s) URL");
  }

  @Test
  void sizesAndEnumsAndNamesAndFiles() throws IOException {
    final Path file = Files.writeString(dir.resolve("apps.yaml"), "apps: []");
    final ConfigSpec spec = ConfigSpec.builder("test").key("size", "1").key("topic", "ok.topic")
        .key("file", null).key("policy", "x").build();
    final ConfigValues v = spec.fromMap(Map.of("size", "64KiB", "file", file.toString()), null, null);
    assertThat(v.bytes("size", 1024, 64L << 20)).isEqualTo(64 * 1024);
    assertThat(v.kafkaName("topic")).isEqualTo("ok.topic");
    assertThat(v.existingFile("file")).isEqualTo(file);
    v.throwIfInvalid();

    final ConfigValues bad = spec.fromMap(Map.of("size", "1", "topic", "no spaces", "file",
        dir.resolve("missing").toString(), "policy", "retry"), "settings", null);
    bad.bytes("size", 1024, 64L << 20);
    bad.kafkaName("topic");
    bad.existingFile("file");
    bad.enumValue("policy", Policy.class);
    assertThat(problems(bad).problems()).extracting(ConfigException.Problem::toString).containsExactly(
        "file (settings): no such file: " + dir.resolve("missing"),
        "policy (settings): 'retry' is not one of [ONE_WAY, OTHER_WAY]",
        "size (settings): must be between 1024 and 67108864 bytes, was 1",
        "topic (settings): 'no spaces' may only contain letters, digits, '.', '_' and '-'");
  }

  @Test
  void messagesSayWhereEachValueCameFrom() throws IOException {
    final Path file = Files.writeString(dir.resolve("test.yaml"), """
        servers: localhost:9092
        url: http://r
        count: many
        """);
    final ConfigValues v = SPEC.load(file, Map.of("COFFER_TEST_HTTP_PORT", "-1"));
    v.intIn("count", 1, 9);
    v.port("http.port", false);
    v.intIn("name", 1, 9);
    final ConfigException e = problems(v);
    assertThat(e).hasMessage("invalid test configuration in " + file + ": "
        + "count (file test.yaml): 'many' is not a whole number; "
        + "http.port (env COFFER_TEST_HTTP_PORT): must be between 1 and 65535, was -1; "
        + "name (default): 'app' is not a whole number");
  }

  @Test
  void crossKeyRulesSkipKeysAlreadyBad() {
    final ConfigValues v = map(Map.of("servers", "h:1", "url", "http://r", "count", "x"));
    v.intIn("count", 1, 9);
    assertThat(v.ok("count")).isFalse();
    assertThat(v.ok("http.port")).isTrue();
    v.problem("http.port", "must differ from count");
    assertThat(problems(v).problems()).containsExactly(
        new ConfigException.Problem("count", null, "'x' is not a whole number"),
        new ConfigException.Problem("http.port", "default", "must differ from count"));
  }

  @Test
  void unknownKeysAndVariablesAreErrorsAndPassThroughIsChecked() throws IOException {
    final Path file = Files.writeString(dir.resolve("test.properties"), """
        servers=h:1
        url=http://r
        htp.port=1
        kafka.security.protocol=SSL
        kafka.acks=0
        kafka.=1
        """);
    final ConfigValues v = SPEC.load(file, Map.of("COFFER_TEST_HTTP_PROT", "1", "COFFER_TEST_CONFIG", "/x",
        "COFFER_TEST_KAFKA_SESSION_TIMEOUT_MS", "6000", "COFFER_TEST_COUNT", "4", "OTHER", "1"));
    final Map<String, String> kafka = v.passthrough(k -> k.equals("acks") ? "may not be overridden" : null);
    assertThat(kafka).containsExactly(Map.entry("security.protocol", "SSL"),
        Map.entry("session.timeout.ms", "6000"));
    assertThat(v.intIn("count", 1, 9)).isEqualTo(4);
    assertThat(problems(v).problems()).extracting(ConfigException.Problem::toString).containsExactly(
        "COFFER_TEST_HTTP_PROT (environment): unknown variable; known keys: servers, url, name, count, "
            + "http.port, flag, cache-size, timeout, retention, server, rate, policy",
        "htp.port (file test.properties): unknown key; known keys: servers, url, name, count, http.port, "
            + "flag, cache-size, timeout, retention, server, rate, policy, and kafka.*",
        "kafka. (file test.properties): names no key after kafka.",
        "kafka.acks (file test.properties): may not be overridden");
  }

  @Test
  void explicitVariableNamesWithoutPrefixCheckOnlyTheirOwn() {
    final ConfigSpec spec = ConfigSpec.builder("local").key("kafka.port", "9092")
        .envName("kafka.port", "COFFER_KAFKA_PORT").build();
    final ConfigValues v = spec.load(null, Map.of("COFFER_KAFKA_PORT", "ninety", "COFFER_LEDGER_X", "1"));
    v.port("kafka.port", false);
    assertThat(problems(v)).hasMessage(
        "invalid local configuration: kafka.port (env COFFER_KAFKA_PORT): 'ninety' is not a whole number");
    assertThat(spec.envName("kafka.port")).isEqualTo("COFFER_KAFKA_PORT");
    assertThat(SPEC.envName("cache-size")).isEqualTo("COFFER_TEST_CACHE_SIZE");
    assertThat(SPEC.configFileEnv()).isEqualTo("COFFER_TEST_CONFIG");
  }

  @Test
  void aGroupOfKeysDeclaredElsewhereTakesItsPlaceInTheKeyOrder() {
    final ConfigSpec spec = ConfigSpec.builder("test").key("a", "1")
        .with(b -> b.key("group.x", null).key("group.y", "2"))
        .key("z", "3").build();
    assertThat(spec.keys()).containsExactly("a", "group.x", "group.y", "z");
    assertThat(spec.defaultOf("group.y")).isEqualTo("2");
  }

  @Test
  void yamlKeysMayBeFlatOrNested() throws IOException {
    final Path flat = Files.writeString(dir.resolve("flat.yml"), "http.port: 1\nkafka.client.id: a\n");
    final Path nested = Files.writeString(dir.resolve("nested.yaml"), """
        http:
          port: 1
        kafka: {client.id: a}
        """);
    assertThat(SPEC.load(flat, Map.of()).settings()).isEqualTo(SPEC.load(nested, Map.of()).settings()
        .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
            e -> new Setting(e.getValue().value(), "file flat.yml"))));
    assertThat(SPEC.load(nested, Map.of()).settings()).containsEntry("http.port",
        new Setting("1", "file nested.yaml"));
    assertThat(SPEC.load(Files.writeString(dir.resolve("empty.yaml"), ""), Map.of()).settings()).isEmpty();
  }

  @Test
  void unreadableFilesFail() throws IOException {
    final Path list = Files.writeString(dir.resolve("list.yaml"), "servers: [a, b]\n");
    assertThatThrownBy(() -> SPEC.load(list, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("servers (file list.yaml): lists are not supported; use a comma-separated string");
    final Path json = Files.writeString(dir.resolve("x.json"), "{}");
    assertThatThrownBy(() -> SPEC.load(json, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unsupported file type");
    assertThatThrownBy(() -> SPEC.load(dir.resolve("none.yaml"), Map.of()))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read test configuration");
  }

  @Test
  void servicesChooseTheirExceptionType() {
    final class ServiceException extends ConfigException {
      private static final long serialVersionUID = 1L;

      ServiceException(final String source, final List<Problem> problems) {
        super("service", source, problems);
      }
    }
    final ConfigSpec spec = ConfigSpec.builder("service").key("a", null).exceptions(ServiceException::new).build();
    assertThatThrownBy(() -> {
      final ConfigValues v = spec.fromMap(Map.of(), null, null);
      v.text("a");
      v.throwIfInvalid();
    }).isInstanceOf(ServiceException.class).hasMessage("invalid service configuration: a: is required");
  }
}
