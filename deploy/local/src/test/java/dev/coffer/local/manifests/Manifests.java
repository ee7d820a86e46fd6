package dev.coffer.local.manifests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds and reads the deployment manifests under {@code deploy/} for the consistency tests. */
public final class Manifests {
  /** The Grafana dashboard, relative to {@code deploy/}. */
  public static final String DASHBOARD = "grafana/dashboards/coffer.json";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern METRIC = Pattern.compile("\\b((?:coffer|kafka|jvm|http_server)_[a-z0-9_]+)\\b");

  private Manifests() {
  }

  /** The repository's {@code deploy/} folder, found upwards from the working directory. */
  public static Path deployDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      final Path candidate = dir.getFileName() != null && dir.getFileName().toString().equals("deploy")
          ? dir : dir.resolve("deploy");
      if (Files.isDirectory(candidate.resolve("k8s")) && Files.isDirectory(candidate.resolve("compose"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no deploy/ folder with k8s/ and compose/ above " + Path.of("").toAbsolutePath());
  }

  /** The repository's root folder. */
  public static Path repoRoot() {
    return deployDir().getParent();
  }

  /** Every file under {@code deploy/<folder>} whose name ends with one of {@code suffixes}, sorted. */
  public static List<Path> files(final String folder, final String... suffixes) {
    final Path root = deployDir().resolve(folder);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
          .sorted().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  /** Every document of a (multi-document) YAML file; empty documents left out. */
  public static List<JsonNode> yamlDocuments(final Path file) {
    final List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        final JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
    return docs;
  }

  /** A JSON file, duplicate keys refused. */
  public static JsonNode json(final Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** The metric names the dashboard's queries use ({@code coffer_*}, {@code kafka_*}, {@code jvm_*}). */
  public static Set<String> dashboardMetrics() {
    final Set<String> names = new TreeSet<>();
    collectExprs(json(deployDir().resolve(DASHBOARD)), names);
    return names;
  }

  private static void collectExprs(final JsonNode node, final Set<String> into) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getKey().equals("expr") && e.getValue().isTextual()) {
          final Matcher m = METRIC.matcher(e.getValue().asText());
          while (m.find()) {
            into.add(m.group(1));
          }
        } else {
          collectExprs(e.getValue(), into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectExprs(child, into));
    }
  }

  /** The sample names in a Prometheus text exposition (comments left out). */
  public static Set<String> metricNames(final String exposition) {
    final Set<String> names = new TreeSet<>();
    for (final String line : exposition.split("\n", -1)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      final int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
      names.add(end > 0 ? line.substring(0, end) : line.strip());
    }
    return names;
  }
}
