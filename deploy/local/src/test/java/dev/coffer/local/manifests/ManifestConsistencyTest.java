package dev.coffer.local.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.apps.Apps;
import dev.coffer.embedded.ApicurioDistribution;
import dev.coffer.embedded.SetupMain;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment manifests under {@code deploy/} agree with the code: they parse, topics come from
 * {@link CofferTopics} through the setup job (no manifest copies them), the Strimzi resources validate
 * against the CRDs kept in {@code deploy/k8s/crds/}, the services' config files and environment pass
 * the services' own config validation, memory budgets fit their limits, and the dashboard queries
 * metrics the services register.
 */
class ManifestConsistencyTest {
  private static final Pattern MICROMETER_NAME = Pattern.compile("\"(coffer(?:\\.[a-z]+)+)\"");
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]i?[bB]?)");

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
  void topicsComeFromTheCodeNotFromCopies() throws IOException {
    // Compose and Kubernetes create topics and subjects with the setup job (SetupMain over CofferTopics):
    // no manifest lists a topic of its own that could fall behind the code.
    final List<Path> manifests = new ArrayList<>(Manifests.files("compose", ".yaml", ".yml", ".sh"));
    manifests.addAll(Manifests.files("k8s", ".yaml").stream().filter(p -> !p.toString().contains("/crds/")).toList());
    for (final Path file : manifests) {
      // The manifests' content, comments left out (they may name a topic in prose).
      final List<JsonNode> docs = file.toString().endsWith(".sh") ? List.of() : Manifests.yamlDocuments(file);
      final String content = file.toString().endsWith(".sh") ? Files.readString(file) : docs.toString();
      for (final String topic : specNames()) {
        assertThat(content).as("%s names the topic %s: topics come from CofferTopics through the setup job", file,
            topic).doesNotContain(topic);
      }
      for (final JsonNode doc : docs) {
        assertThat(doc.path("kind").asText()).as(file.toString()).isNotEqualTo("KafkaTopic");
      }
    }
    final Map<String, Map<String, Object>> services = composeServices();
    assertThat(services.get("setup").get("image").toString()).startsWith("coffer/setup:");
    final SetupMain.Settings compose = SetupMain.Settings.from(env(services.get("setup")));
    assertThat(compose.minBrokers()).isEqualTo(3);
    assertThat(compose.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");

    final JsonNode job = k8s().get("Job/coffer-setup");
    final JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("image").asText()).startsWith("coffer/setup:");
    final Map<String, String> jobEnv = new TreeMap<>();
    container.path("env").forEach(e -> jobEnv.put(e.path("name").asText(), e.path("value").asText()));
    assertThat(SetupMain.Settings.from(jobEnv).bootstrapServers()).isEqualTo("coffer-kafka-bootstrap:9092");
  }

  @Test
  void composeRunsAThreeBrokerClusterTwoLedgersWithStandbysAndLoopbackPortsOnly() throws IOException {
    final Map<String, Object> compose = snake(Manifests.deployDir().resolve("compose/docker-compose.yml")).get(0);
    final Map<String, Map<String, Object>> services = composeServices();
    for (final String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
      final Map<String, Object> env = map(services.get(broker).get("environment"));
      assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS",
          "2")
          .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
      // The images deploy/images/build-local.sh makes, at the versions this build runs.
      assertThat(services.get(broker).get("image")).isEqualTo("${KAFKA_IMAGE:-coffer/kafka:" + AppInfoParser
          .getVersion() + "}");
    }
    assertThat(services.get("registry").get("image"))
        .isEqualTo("${APICURIO_IMAGE:-coffer/apicurio-registry:" + ApicurioDistribution.builtVersion() + "}");
    // Every published port on loopback only; nothing reaches beyond the host.
    services.forEach((name, service) -> {
      final Object ports = service.get("ports");
      if (ports != null) {
        for (final Object port : (List<?>) ports) {
          assertThat(port.toString()).as(name).startsWith("127.0.0.1:");
        }
      }
    });
    assertThat(compose.toString()).contains("com.docker.network.bridge.enable_ip_masquerade=false");
    for (final String monitoring : List.of("prometheus", "grafana")) {
      assertThat(services.get(monitoring).get("profiles").toString()).contains("monitoring");
    }

    // Two ledger instances of one application, each with a standby (issue 10), passing their own validation
    // on top of the image's default file.
    final Path ledgerDefaults = Manifests.deployDir().resolve("images/coffer/ledger.yaml");
    final Set<String> ids = new TreeSet<>();
    for (final String instance : List.of("ledger-1", "ledger-2")) {
      assertThat(services.get(instance).get("image").toString()).startsWith("coffer/ledger-streams:");
      final LedgerConfig ledger = LedgerConfig.load(ledgerDefaults, env(services.get(instance)));
      assertThat(ledger.streams().numStandbyReplicas()).as(instance).isGreaterThanOrEqualTo(1);
      assertThat(ledger.streams().replicationFactor()).isEqualTo((short) 3);
      assertThat(ledger.minInsyncReplicas()).isEqualTo(2);
      assertThat(ledger.httpPort()).isEqualTo(8091);
      ids.add(ledger.applicationId());
    }
    assertThat(ids).hasSize(1);
    final Path apps = Manifests.deployDir().resolve("compose/config/apps.yaml");
    assertThat(Apps.load(apps)).isNotNull();
    final Map<String, String> gatewayEnv = new HashMap<>(env(services.get("ingest-gateway")));
    gatewayEnv.put(GatewayConfig.envName(GatewayConfig.APPS_FILE), apps.toString());
    assertThat(GatewayConfig.load(Manifests.deployDir().resolve("images/coffer/gateway.yaml"), gatewayEnv).httpPort())
        .isEqualTo(8080);
    final Map<String, String> projectionsEnv = new HashMap<>(env(services.get("projections")));
    projectionsEnv.put(ProjectionsConfig.envName(ProjectionsConfig.APPS_FILE), apps.toString());
    final ProjectionsConfig projections = ProjectionsConfig.load(
        Manifests.deployDir().resolve("images/coffer/projections.yaml"), projectionsEnv);
    assertThat(projections.advertisedHost()).isEqualTo("projections");
    assertThat(projections.httpPort()).isEqualTo(8092);
    // The services' health checks are the images' own.
    final String dockerfile = Files.readString(Manifests.deployDir().resolve("images/coffer/Dockerfile"));
    for (final String port : List.of("8091", "8080", "8092")) {
      assertThat(dockerfile).contains("curl -fsS http://127.0.0.1:" + port + "/health");
    }
  }

  @Test
  void everyStrimziResourceValidatesAgainstTheKeptCrds() {
    final CrdSchemas crds = new CrdSchemas(Manifests.files("k8s/crds", ".yaml"));
    assertThat(crds.size()).as("served CRD versions").isGreaterThanOrEqualTo(2);
    final List<String> checked = new ArrayList<>();
    for (final Map.Entry<String, JsonNode> resource : k8s().entrySet()) {
      final JsonNode doc = resource.getValue();
      if (!doc.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
        continue;
      }
      final Optional<List<String>> problems = crds.problems(doc);
      assertThat(problems).as("%s: no kept CRD serves %s", resource.getKey(), doc.path("apiVersion").asText())
          .isPresent();
      assertThat(problems.get()).as(resource.getKey()).isEmpty();
      checked.add(resource.getKey());
    }
    assertThat(checked).contains("Kafka/coffer", "KafkaNodePool/dual-role");

    // The check can fail: a wrong type, an unknown field, a missing required field.
    final ObjectNode broken = k8s().get("KafkaNodePool/dual-role").deepCopy();
    ((ObjectNode) broken.path("spec")).put("replicas", "three");
    ((ObjectNode) broken.path("spec")).put("replica", 3);
    ((ObjectNode) broken.path("spec")).remove("roles");
    assertThat(crds.problems(broken).orElseThrow()).hasSizeGreaterThanOrEqualTo(3);
    final ObjectNode old = k8s().get("Kafka/coffer").deepCopy();
    old.put("apiVersion", "kafka.strimzi.io/v1beta2");
    assertThat(crds.problems(old)).as("v1beta2 is no longer served").isEmpty();
  }

  @Test
  void theKubernetesWorkloadsAndTheirConfigFit(@TempDir final Path dir) throws IOException {
    final Map<String, JsonNode> byKindAndName = k8s();
    assertThat(byKindAndName).containsKeys("Kafka/coffer", "KafkaNodePool/dual-role", "Deployment/registry",
        "StatefulSet/ledger-streams", "StatefulSet/projections", "Deployment/ingest-gateway", "Job/coffer-setup",
        "Service/ledger-streams", "Service/projections", "Service/projections-headless", "Service/ingest-gateway",
        "ConfigMap/coffer-config");
    // No keys ship with the manifests: the apps Secret is the user's (deploy/README.md).
    assertThat(byKindAndName.keySet()).noneMatch(k -> k.startsWith("Secret/"));
    final JsonNode kafka = byKindAndName.get("Kafka/coffer");
    // Strimzi 1.2.0 runs brokers up to 4.3.1; Coffer's 4.4 clients talk to them (the manifest says why).
    assertThat(kafka.path("spec").path("kafka").path("version").asText()).as("the broker version Strimzi 1.2.0 runs")
        .isEqualTo("4.3.1");
    assertThat(AppInfoParser.getVersion()).as("the clients Coffer builds against").isEqualTo("4.4.0");
    assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
    assertThat(kafka.path("spec").path("kafka").path("config").path("default.replication.factor").asInt()).isEqualTo(3);
    assertThat(byKindAndName.get("KafkaNodePool/dual-role").path("spec").path("replicas").asInt()).isEqualTo(3);
    for (final String workload : List.of("StatefulSet/ledger-streams", "StatefulSet/projections",
        "Deployment/ingest-gateway")) {
      final JsonNode pod = byKindAndName.get(workload).path("spec").path("template").path("spec");
      final JsonNode container = pod.path("containers").get(0);
      // Ready (routed to) only while its dependencies are up; restarted only when it can no longer serve.
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(workload)
          .isEqualTo("/ready");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(workload).isEqualTo("/live");
      assertThat(container.path("resources").path("requests").isObject()).as(workload).isTrue();
      assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).as(workload).isFalse();
      if (!workload.contains("ledger")) {
        // The apps Secret the user creates.
        assertThat(pod.path("volumes").toString()).as(workload).contains("\"secretName\":\"coffer-apps\"");
      }
    }
    for (final String streamsApp : List.of("StatefulSet/ledger-streams", "StatefulSet/projections")) {
      assertThat(byKindAndName.get(streamsApp).path("spec").path("volumeClaimTemplates")).as(streamsApp).isNotEmpty();
    }
    // The ledger's replicas spread over nodes, by their own labels.
    final JsonNode ledgerPod = byKindAndName.get("StatefulSet/ledger-streams").path("spec").path("template");
    final JsonNode antiAffinity = ledgerPod.path("spec").path("affinity").path("podAntiAffinity");
    assertThat(antiAffinity.toString()).contains("kubernetes.io/hostname")
        .contains(ledgerPod.path("metadata").path("labels").path("app.kubernetes.io/name").asText());
    final String projectionsEnv = byKindAndName.get("StatefulSet/projections").path("spec").path("template")
        .path("spec").path("containers").get(0).path("env").toString();
    assertThat(projectionsEnv).contains("COFFER_PROJECTIONS_ADVERTISED_HOST", "$(POD_NAME).projections-headless");

    // The ConfigMap's files pass the services' own validation (with a sample apps file: the real one is a
    // Secret the user creates).
    final JsonNode files = byKindAndName.get("ConfigMap/coffer-config").path("data");
    final Path apps = Manifests.deployDir().resolve("compose/config/apps.yaml");
    final LedgerConfig ledger = LedgerConfig.load(Files.writeString(dir.resolve("ledger.yaml"),
        files.path("ledger.yaml").asText()), Map.of());
    assertThat(ledger.streams().replicationFactor()).isEqualTo((short) 3);
    assertThat(ledger.minInsyncReplicas()).isEqualTo(2);
    assertThat(ledger.streams().numStandbyReplicas()).isGreaterThanOrEqualTo(1);
    // The internal token comes from the Secret coffer-internal, by env, in both workloads.
    final String token = "a-token-of-the-coffer-internal-secret";
    for (final String workload : List.of("Deployment/ingest-gateway", "StatefulSet/projections")) {
      assertThat(byKindAndName.get(workload).path("spec").path("template").path("spec").path("containers").get(0)
          .path("env").toString()).as(workload).contains("\"name\":\"coffer-internal\"");
    }
    final GatewayConfig gateway = GatewayConfig.load(Files.writeString(dir.resolve("gateway.yaml"),
        files.path("gateway.yaml").asText()), Map.of(GatewayConfig.envName(GatewayConfig.APPS_FILE), apps.toString(),
            GatewayConfig.envName(GatewayConfig.PROJECTIONS_TOKEN), token));
    assertThat(gateway.httpPort()).isEqualTo(8080);
    assertThat(gateway.projections().url().toString()).isEqualTo("http://projections:8092");
    final ProjectionsConfig projections = ProjectionsConfig.load(Files.writeString(dir.resolve("projections.yaml"),
        files.path("projections.yaml").asText()), Map.of(ProjectionsConfig.envName(ProjectionsConfig.APPS_FILE),
            apps.toString(), ProjectionsConfig.envName(ProjectionsConfig.ADVERTISED_HOST), "projections-0.example",
            ProjectionsConfig.envName(ProjectionsConfig.INTERNAL_TOKEN), token));
    assertThat(projections.httpPort()).isEqualTo(8092);

    // Heap + RocksDB + the JVM's other memory fit the ledger's limit.
    final JsonNode ledgerContainer = ledgerPod.path("spec").path("containers").get(0);
    final String jvm = env(ledgerContainer).get("JDK_JAVA_OPTIONS");
    final long heap = bytes(option(jvm, "-Xmx"));
    final long direct = bytes(option(jvm, "-XX:MaxDirectMemorySize="));
    final long rocksdb = bytes(yaml(files.path("ledger.yaml").asText()).path("rocksdb").path("block.cache.bytes")
        .asText());
    final long limit = bytes(ledgerContainer.path("resources").path("limits").path("memory").asText());
    // Metaspace, code cache and thread stacks, and RocksDB's own overhead outside its cache.
    final long other = 256L << 20;
    assertThat(heap + direct + rocksdb + other).as("heap %d + direct %d + RocksDB %d + other %d within %d", heap,
        direct, rocksdb, other, limit).isLessThanOrEqualTo(limit);
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
    final Set<String> coffer = used.stream().filter(n -> n.startsWith("coffer_"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(coffer).contains("coffer_ledger_outcomes_total", "coffer_ledger_dead_letters_total",
        "coffer_ledger_redeliveries_total");
    // Prometheus names: the Micrometer name, then the suffix of its meter type.
    final List<String> suffixes = List.of("", "_total", "_seconds_count", "_seconds_sum", "_seconds_max",
        "_seconds_bucket");
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

  private static Map<String, Map<String, Object>> composeServices() {
    return map(snake(Manifests.deployDir().resolve("compose/docker-compose.yml")).get(0).get("services"));
  }

  /** Every Kubernetes resource (the CRDs left out), by kind/name. */
  private static Map<String, JsonNode> k8s() {
    final Map<String, JsonNode> byKindAndName = new LinkedHashMap<>();
    for (final Path file : Manifests.files("k8s", ".yaml")) {
      if (file.toString().contains("/crds/")) {
        continue;
      }
      for (final JsonNode doc : Manifests.yamlDocuments(file)) {
        final String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
        assertThat(byKindAndName.put(key, doc)).as("duplicate " + key).isNull();
      }
    }
    return byKindAndName;
  }

  private static Map<String, String> env(final JsonNode container) {
    final Map<String, String> env = new TreeMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  private static String option(final String options, final String prefix) {
    return Arrays.stream(options.split("\\s+")).filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + options));
  }

  /** {@code 768m}, {@code 512MiB}, {@code 2Gi}: bytes. */
  private static long bytes(final String size) {
    final Matcher m = SIZE.matcher(size.strip());
    assertThat(m.matches()).as("a size: " + size).isTrue();
    final long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT).charAt(0)) {
      case 'k' -> n << 10;
      case 'm' -> n << 20;
      case 'g' -> n << 30;
      default -> throw new AssertionError("unknown unit in " + size);
    };
  }

  private static JsonNode yaml(final String text) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> specNames() {
    return CofferTopics.all().stream().map(TopicSpec::name).collect(Collectors.toCollection(TreeSet::new));
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
