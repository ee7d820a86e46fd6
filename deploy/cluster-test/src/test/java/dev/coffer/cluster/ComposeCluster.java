package dev.coffer.cluster;

import dev.coffer.embedded.ApicurioDistribution;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deploy/compose} brought up by {@code docker-compose} (with its CI override) under a project name
 * of its own, every published port a free one on 127.0.0.1: three brokers, the registry, the setup job,
 * two ledger instances, the gateway and projections (not the monitoring profile). {@link #close()}
 * saves every container's log under {@code target/} and takes the project down with its volumes.
 */
final class ComposeCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ComposeCluster.class);
  private static final List<String> SERVICES = List.of("kafka-1", "kafka-2", "kafka-3", "registry", "setup",
      "ledger-1", "ledger-2", "ingest-gateway", "projections");
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path composeDir;
  private final Path logDir;
  private final String project;
  /** The compose file's variables: published ports, images, the apps file. */
  private final Map<String, String> ports = new LinkedHashMap<>();
  private boolean up;

  private ComposeCluster(final Path composeDir, final Path logDir) {
    this.composeDir = composeDir;
    this.logDir = logDir;
    this.project = "coffer-cluster-test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    final List<String> names = List.of("KAFKA_1_PORT", "KAFKA_2_PORT", "KAFKA_3_PORT", "REGISTRY_PORT",
        "GATEWAY_PORT", "PROJECTIONS_PORT", "LEDGER_1_PORT", "LEDGER_2_PORT");
    final List<Integer> free = FreePorts.distinct(names.size());
    for (int i = 0; i < names.size(); i++) {
      ports.put(names.get(i), Integer.toString(free.get(i)));
    }
  }

  /**
   * Brings the cluster up and waits (bounded) until every service answers its health check.
   *
   * @param settings more of the compose file's variables (APPS_FILE)
   */
  static ComposeCluster up(final Path composeDir, final Path logDir, final Map<String, String> settings,
                           final Duration timeout) {
    final ComposeCluster cluster = new ComposeCluster(composeDir, logDir);
    final String tag = System.getProperty("coffer.images.tag", "dev");
    final List<String> images = List.of("coffer/kafka:" + AppInfoParser.getVersion(),
        "coffer/apicurio-registry:" + ApicurioDistribution.builtVersion(), "coffer/ledger-streams:" + tag,
        "coffer/ingest-gateway:" + tag, "coffer/projections:" + tag, "coffer/setup:" + tag);
    // Compose would try to pull a missing image: say what to do instead.
    for (final String image : images) {
      try {
        cluster.run(List.of("docker", "image", "inspect", image), logDir.resolve("images.log"));
      } catch (final IllegalStateException e) {
        throw new IllegalStateException("the image " + image + " is missing: build the images with"
            + " deploy/images/build-local.sh first", e);
      }
    }
    cluster.ports.put("COFFER_TAG", tag);
    cluster.ports.put("KAFKA_IMAGE", images.get(0));
    cluster.ports.put("APICURIO_IMAGE", images.get(1));
    cluster.ports.putAll(settings);
    try {
      cluster.compose(List.of("up", "-d", "--no-build"), SERVICES);
      cluster.up = true;
      Await.until("every Coffer service healthy", timeout, cluster::healthy);
    } catch (final RuntimeException | AssertionError e) {
      try {
        cluster.close();
      } catch (final RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return cluster;
  }

  /** {@code bootstrap.servers} of the EXTERNAL listeners, as published on 127.0.0.1. */
  String bootstrapServers() {
    return List.of("KAFKA_1_PORT", "KAFKA_2_PORT", "KAFKA_3_PORT").stream()
        .map(p -> "127.0.0.1:" + ports.get(p)).collect(Collectors.joining(","));
  }

  String registryUrl() {
    return "http://127.0.0.1:" + ports.get("REGISTRY_PORT") + "/apis/ccompat/v7";
  }

  URI gateway() {
    return URI.create("http://127.0.0.1:" + ports.get("GATEWAY_PORT"));
  }

  URI projections() {
    return URI.create("http://127.0.0.1:" + ports.get("PROJECTIONS_PORT"));
  }

  List<URI> ledgers() {
    return List.of(URI.create("http://127.0.0.1:" + ports.get("LEDGER_1_PORT")),
        URI.create("http://127.0.0.1:" + ports.get("LEDGER_2_PORT")));
  }

  /** Whether the gateway, projections and both ledger instances answer 200 on /health and run. */
  boolean healthy() {
    final List<URI> all = new ArrayList<>(ledgers());
    all.add(gateway());
    all.add(projections());
    return all.stream().allMatch(ComposeCluster::runningAndHealthy);
  }

  private static boolean runningAndHealthy(final URI base) {
    try {
      final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/health"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && !r.body().contains("REBALANCING") && !r.body().contains("\"ready\":false");
    } catch (final IOException e) {
      return false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** SIGKILLs a service's container: a crash, no shutdown of any kind. */
  void kill(final String service) {
    compose(List.of("kill", "-s", "SIGKILL"), List.of(service));
  }

  /** Starts a stopped service's container again (same container, same volumes). */
  void start(final String service) {
    compose(List.of("start"), List.of(service));
  }

  private void compose(final List<String> command, final List<String> services) {
    final List<String> args = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project,
        "-f", "docker-compose.yml", "-f", "docker-compose.ci.yml"));
    args.addAll(command);
    args.addAll(services);
    run(args, logDir.resolve("compose-" + command.get(0) + ".log"));
  }

  private void run(final List<String> args, final Path output) {
    final ProcessBuilder builder = new ProcessBuilder(args).directory(composeDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(ports);
    try {
      final Process process = builder.start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", args) + " did not finish within " + COMMAND_TIMEOUT
            + "; output in " + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", args) + " failed with status " + process.exitValue()
            + ":\n" + tail(output));
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", args), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", args), e);
    }
  }

  private static String tail(final Path file) {
    try {
      final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (final IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Saves the containers' logs, then takes everything down, volumes included. */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      compose(List.of("logs", "--no-color", "--timestamps"), List.of());
    } catch (final RuntimeException e) {
      LOG.warn("Saving the containers' logs failed", e);
    }
    try {
      compose(List.of("down", "-v", "--remove-orphans", "-t", "10"), List.of());
    } catch (final RuntimeException e) {
      failure = e;
    }
    LOG.info("Compose project {} down; containers' logs in {}", project, logDir.resolve("compose-logs.log"));
    if (failure != null && up) {
      throw failure;
    }
  }
}
