package dev.coffer.local.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.apps.Apps;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment manifests under {@code deploy/} agree with the code: they parse, the topics are
 * exactly {@link CofferTopics#all()}, the services' config files and environment pass the services'
 * own config validation, and the dashboard queries metrics the services register.
 */
class ManifestConsistencyTest {
  private static final Pattern MICROMETER_NAME = Pattern.compile("\"(coffer(?:\\.[a-z]+)+)\"");
  private static final Pattern CREATE = Pattern.compile("^create (\\S+) (\\d+)((?: \\S+=\\S+)*)$");

  @Test
  void everyYamlAndJsonManifestParses() {
    final List<Path> yaml = new ArrayList<>();
    for (final String folder : List.of("compose", "k8s", "grafana", "prometheus")) {
      yaml.addAll(Manifests.files(folder, ".yaml", ".yml"));
    }
    assertThat(yaml).hasSizeGreaterThanOrEqualTo(15);
    for (final Path file : yaml) {
      assertThat(Manifests.yamlDocuments(file)).as(file.toString()).isNotEmpty();
      // SnakeYAML as well: it resolves the anchors and merge keys docker compose relies on.
      assertThat(snake(file)).as(file.toString()).isNotEmpty();
    }
    final List<Path> json = Manifests.files("grafana", ".json");
    assertThat(json).isNotEmpty();
    json.forEach(file -> assertThat(Manifests.json(file).isObject()).as(file.toString()).isTrue());
  }

  @Test
  void theKafkaTopicResourcesAreExactlyCofferTopics() {
    final Map<String, JsonNode> topics = new TreeMap<>();
    for (final Path file : Manifests.files("k8s", ".yaml")) {
      for (final JsonNode doc : Manifests.yamlDocuments(file)) {
        if (doc.path("kind").asText().equals("KafkaTopic")) {
          assertThat(doc.path("apiVersion").asText()).startsWith("kafka.strimzi.io/");
          assertThat(doc.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("coffer");
          final String name = doc.path("spec").path("topicName").asText(doc.path("metadata").path("name").asText());
          assertThat(topics.put(name, doc.path("spec"))).as("duplicate KafkaTopic " + name).isNull();
        }
      }
    }
    assertThat(topics.keySet()).isEqualTo(specNames());
    for (final TopicSpec spec : CofferTopics.all()) {
      final JsonNode resource = topics.get(spec.name());
      assertThat(resource.path("partitions").asInt()).as(spec.name() + " partitions").isEqualTo(spec.partitions());
      assertThat(resource.path("replicas").asInt()).as(spec.name() + " replicas").isEqualTo(3);
      final Map<String, String> config = new TreeMap<>();
      resource.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
      assertThat(config).as(spec.name() + " config").isEqualTo(expectedConfig(spec));
    }
  }

  @Test
  void theComposeTopicInitCreatesExactlyCofferTopics() throws IOException {
    final Path script = Manifests.deployDir().resolve("compose/init/create-topics.sh");
    final Map<String, Map<String, String>> created = new TreeMap<>();
    final Map<String, Integer> partitions = new TreeMap<>();
    for (final String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
      final Matcher m = CREATE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      final Map<String, String> config = new TreeMap<>();
      // The script's create() adds min.insync.replicas=2 to every topic.
      config.put("min.insync.replicas", "2");
      Arrays.stream(m.group(3).strip().split(" ")).filter(s -> !s.isEmpty())
          .forEach(kv -> config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
      assertThat(created.put(m.group(1), config)).as("duplicate create of " + m.group(1)).isNull();
      partitions.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    assertThat(created.keySet()).isEqualTo(specNames());
    for (final TopicSpec spec : CofferTopics.all()) {
      assertThat(partitions.get(spec.name())).as(spec.name()).isEqualTo(spec.partitions());
      assertThat(created.get(spec.name())).as(spec.name()).isEqualTo(expectedConfig(spec));
    }
    assertThat(Files.readString(script)).contains("--replication-factor 3", "min.insync.replicas=2");
  }

  @Test
  void composeRunsAThreeBrokerClusterAndEveryServiceWithAHealthCheck() {
    final Map<String, Object> compose = snake(Manifests.deployDir().resolve("compose/docker-compose.yml")).get(0);
    final Map<String, Map<String, Object>> services = map(compose.get("services"));
    for (final String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
      final Map<String, Object> env = map(services.get(broker).get("environment"));
      assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }
    assertThat(services.get("registry").get("image")).isEqualTo("apicurio/apicurio-registry:3.3.3");
    assertThat(services).containsKeys("topic-init", "registry-init", "prometheus", "grafana");
    for (final String service : List.of("ledger-streams", "ingest-gateway", "projections")) {
      assertThat(map(services.get(service).get("build"))).containsEntry("target", service);
      assertThat(services.get(service).get("healthcheck").toString()).contains("/health");
    }
    // The services' environment passes their own configuration validation.
    final Path apps = Manifests.deployDir().resolve("compose/config/apps.yaml");
    assertThat(Apps.load(apps)).isNotNull();
    final LedgerConfig ledger = LedgerConfig.load(Manifests.deployDir().resolve("compose/config/ledger.yaml"),
        env(services.get("ledger-streams")));
    assertThat(ledger.streams().replicationFactor()).isEqualTo((short) 3);
    assertThat(ledger.minInsyncReplicas()).isEqualTo(2);
    assertThat(ledger.httpPort()).isEqualTo(8091);
    final Map<String, String> gatewayEnv = new HashMap<>(env(services.get("ingest-gateway")));
    gatewayEnv.put(GatewayConfig.envName(GatewayConfig.APPS_FILE), apps.toString());
    assertThat(GatewayConfig.load(null, gatewayEnv).httpPort()).isEqualTo(8080);
    final Map<String, String> projectionsEnv = new HashMap<>(env(services.get("projections")));
    projectionsEnv.put(ProjectionsConfig.envName(ProjectionsConfig.APPS_FILE), apps.toString());
    final ProjectionsConfig projections = ProjectionsConfig.load(
        Manifests.deployDir().resolve("compose/config/projections.yaml"), projectionsEnv);
    assertThat(projections.advertisedHost()).isEqualTo("projections");
    assertThat(projections.httpPort()).isEqualTo(8092);
  }

  @Test
  void theKubernetesWorkloadsAndTheirConfigFit(@TempDir final Path dir) throws IOException {
    final Map<String, JsonNode> byKindAndName = new LinkedHashMap<>();
    for (final Path file : Manifests.files("k8s", ".yaml")) {
      for (final JsonNode doc : Manifests.yamlDocuments(file)) {
        byKindAndName.put(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText(), doc);
      }
    }
    assertThat(byKindAndName).containsKeys("Kafka/coffer", "KafkaNodePool/dual-role", "Deployment/registry",
        "StatefulSet/ledger-streams", "StatefulSet/projections", "Deployment/ingest-gateway",
        "Service/ledger-streams", "Service/projections", "Service/projections-headless", "Service/ingest-gateway",
        "ConfigMap/coffer-config", "Secret/coffer-apps");
    final JsonNode kafka = byKindAndName.get("Kafka/coffer");
    assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
    assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
    assertThat(kafka.path("spec").path("kafka").path("config").path("default.replication.factor").asInt()).isEqualTo(3);
    assertThat(byKindAndName.get("KafkaNodePool/dual-role").path("spec").path("replicas").asInt()).isEqualTo(3);
    for (final String workload : List.of("StatefulSet/ledger-streams", "StatefulSet/projections",
        "Deployment/ingest-gateway")) {
      final JsonNode container = byKindAndName.get(workload).path("spec").path("template").path("spec")
          .path("containers").get(0);
      // Ready (routed to) only while its dependencies are up; restarted only when it can no longer serve.
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(workload).isEqualTo("/ready");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(workload).isEqualTo("/live");
      assertThat(container.path("resources").path("requests").isObject()).as(workload).isTrue();
      assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).as(workload).isFalse();
    }
    for (final String streamsApp : List.of("StatefulSet/ledger-streams", "StatefulSet/projections")) {
      assertThat(byKindAndName.get(streamsApp).path("spec").path("volumeClaimTemplates")).as(streamsApp).isNotEmpty();
    }
    final String projectionsEnv = byKindAndName.get("StatefulSet/projections").path("spec").path("template")
        .path("spec").path("containers").get(0).path("env").toString();
    assertThat(projectionsEnv).contains("COFFER_PROJECTIONS_ADVERTISED_HOST", "$(POD_NAME).projections-headless");

    // The ConfigMap's files and the Secret's apps file pass the services' own validation.
    final JsonNode files = byKindAndName.get("ConfigMap/coffer-config").path("data");
    final Path apps = Files.writeString(dir.resolve("apps.yaml"),
        byKindAndName.get("Secret/coffer-apps").path("stringData").path("apps.yaml").asText());
    assertThat(Apps.load(apps)).isNotNull();
    final LedgerConfig ledger = LedgerConfig.load(Files.writeString(dir.resolve("ledger.yaml"),
        files.path("ledger.yaml").asText()), Map.of());
    assertThat(ledger.streams().replicationFactor()).isEqualTo((short) 3);
    assertThat(ledger.minInsyncReplicas()).isEqualTo(2);
    assertThat(ledger.streams().numStandbyReplicas()).isEqualTo(1);
    assertThat(GatewayConfig.load(Files.writeString(dir.resolve("gateway.yaml"), files.path("gateway.yaml").asText()),
        Map.of()).httpPort()).isEqualTo(8080);
    final ProjectionsConfig projections = ProjectionsConfig.load(Files.writeString(dir.resolve("projections.yaml"),
        files.path("projections.yaml").asText()), Map.of(ProjectionsConfig.envName(ProjectionsConfig.APPS_FILE),
        apps.toString(), ProjectionsConfig.envName(ProjectionsConfig.ADVERTISED_HOST), "projections-0.example"));
    assertThat(projections.httpPort()).isEqualTo(8092);
  }

  @Test
  void theDashboardQueriesMetricsTheServicesRegister() throws IOException {
    final Set<String> registered = new TreeSet<>();
    for (final String module : List.of("ledger-streams", "ingest-gateway", "projections")) {
      try (Stream<Path> sources = Files.walk(Manifests.repoRoot().resolve(module).resolve("src/main/java"))) {
        for (final Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
          final Matcher m = MICROMETER_NAME.matcher(Files.readString(source));
          while (m.find()) {
            registered.add(m.group(1).replace('.', '_'));
          }
        }
      }
    }
    assertThat(registered).contains("coffer_ledger_outcomes", "coffer_gateway_outcomes_waiting");
    final Set<String> used = Manifests.dashboardMetrics();
    // HTTP requests are the service kit's timer (ServiceMetrics), one name in every service.
    assertThat(used).contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket");
    final Set<String> coffer = used.stream().filter(n -> n.startsWith("coffer_")).collect(Collectors.toCollection(TreeSet::new));
    assertThat(coffer).contains("coffer_ledger_outcomes_total", "coffer_ledger_dead_letters_total");
    // Prometheus names: the Micrometer name, then the suffix of its meter type.
    final List<String> suffixes = List.of("", "_total", "_seconds_count", "_seconds_sum", "_seconds_max");
    for (final String name : coffer) {
      assertThat(suffixes.stream().anyMatch(s -> name.endsWith(s)
          && registered.contains(name.substring(0, name.length() - s.length()))))
          .as("%s is a registered meter (known: %s)", name, registered).isTrue();
    }
    // Kafka Streams' metrics through Micrometer's KafkaStreamsMetrics (checked against a live scrape in
    // DemoTrafficTest).
    assertThat(used).anyMatch(n -> n.startsWith("kafka_stream_thread_process_rate"))
        .anyMatch(n -> n.startsWith("kafka_consumer_fetch_manager_records_lag"));
  }

  private static Set<String> specNames() {
    return CofferTopics.all().stream().map(TopicSpec::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, String> expectedConfig(final TopicSpec spec) {
    final Map<String, String> config = new TreeMap<>(spec.configs());
    config.put("min.insync.replicas", "2");
    return config;
  }

  private static Map<String, String> env(final Map<String, Object> service) {
    final Map<String, String> env = new TreeMap<>();
    map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    return env;
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> map(final Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, V>) value;
  }

  private static List<Map<String, Object>> snake(final Path file) {
    final List<Map<String, Object>> docs = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (final Object doc : new Yaml().loadAll(in)) {
        if (doc != null) {
          docs.add(map(doc));
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return docs;
  }
}
