package dev.coffer.local;

import dev.coffer.apps.ApiKeys;

import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;

import java.util.Map;

/**
 * projections in the local stack: one {@link ProjectionsService} on the local broker and registry,
 * HTTP on 127.0.0.1:8092, stores under {@code services/projections}. The apps file is
 * {@code COFFER_PROJECTIONS_APPS_FILE} if set (share it with the gateway), else a local demo app
 * {@code demo} with server key {@value #DEMO_SERVER_KEY} written under the service folder. Any key
 * can be overridden with {@code COFFER_PROJECTIONS_*}.
 */
final class ProjectionsLocalService implements LocalService {
  /** The demo app's server key: local stack only, never a real deployment. */
  static final String DEMO_SERVER_KEY = "local-demo-server-key-0123456789";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private ProjectionsService projections;

  @Override
  public String name() {
    return "projections";
  }

  @Override
  public void start(final LocalContext context) throws InterruptedException {
    final Path dir = context.serviceDir(name());
    final Map<String, String> settings = new HashMap<>();
    settings.put(ProjectionsConfig.BOOTSTRAP_SERVERS, context.bootstrapServers());
    settings.put(ProjectionsConfig.REGISTRY_URL, context.registryUrl());
    settings.put(ProjectionsConfig.APPS_FILE, demoApps(dir).toString());
    settings.put(ProjectionsConfig.STATE_DIR, dir.resolve("state").toString());
    settings.put(ProjectionsConfig.REPLICATION_FACTOR, "1");
    settings.put(ProjectionsConfig.NUM_STANDBY_REPLICAS, "0");
    projections = ProjectionsService.create(ProjectionsConfig.fromMap(settings, System.getenv())).start();
    if (!projections.awaitRunning(START_TIMEOUT)) {
      throw new IllegalStateException("projections did not reach RUNNING within " + START_TIMEOUT.toSeconds()
          + " s", projections.failure());
    }
  }

  private static Path demoApps(final Path dir) {
    final Path file = dir.resolve("apps.yaml");
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, """
            # Written by the local stack for projections: a demo app, local use only.
            apps:
              - appId: demo
                keys:
                  - {label: local-server, role: server, sha256: %s}
                pseudonymKey: local-demo-pseudonym-key-0123456789abcdef
                playerTokenSecret: local-demo-player-token-secret-0123456789
            """.formatted(ApiKeys.sha256Hex(DEMO_SERVER_KEY)));
      }
      return file;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    if (projections != null) {
      projections.close();
    }
  }

  @Override
  public String describe() {
    return projections == null ? name() : name() + " http://" + projections.config().advertisedHost() + ":"
        + projections.port() + " (/v1/apps/{appId}/..., /instances, /health, /metrics, /openapi.yaml)";
  }
}
