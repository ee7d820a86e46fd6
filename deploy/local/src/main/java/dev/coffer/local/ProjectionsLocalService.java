package dev.coffer.local;

import dev.coffer.service.streams.StreamsSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * projections in the local stack: one {@link ProjectionsService} on the local broker and registry,
 * HTTP on 127.0.0.1:8092, stores under {@code services/projections}, the stack's shared apps file
 * ({@link LocalContext#appsFile()}) unless {@code COFFER_PROJECTIONS_APPS_FILE} names another. Any key
 * can be overridden with {@code COFFER_PROJECTIONS_*}.
 */
final class ProjectionsLocalService implements LocalService {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private ProjectionsService projections;

  /** Settings applied on top of the stack's own (still under {@code COFFER_PROJECTIONS_*}), e.g. ports in tests. */
  private final Map<String, String> overrides;

  ProjectionsLocalService() {
    this(Map.of());
  }

  ProjectionsLocalService(final Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

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
    settings.put(ProjectionsConfig.APPS_FILE, context.appsFile().toString());
    settings.put(StreamsSettings.STATE_DIR, dir.resolve("state").toString());
    settings.put(StreamsSettings.REPLICATION_FACTOR, "1");
    settings.put(StreamsSettings.NUM_STANDBY_REPLICAS, "0");
    settings.put(ProjectionsConfig.INTERNAL_TOKEN, context.internalToken());
    settings.putAll(overrides);
    projections = ProjectionsService.create(ProjectionsConfig.fromMap(settings, System.getenv())).start();
    if (!projections.awaitRunning(START_TIMEOUT)) {
      throw new IllegalStateException("projections did not reach RUNNING within " + START_TIMEOUT.toSeconds()
          + " s", projections.failure());
    }
    context.publish(name(), baseUrl());
  }

  @Override
  public void close() {
    if (projections != null) {
      projections.close();
    }
  }

  /** Projections' base URL once started, e.g. {@code http://127.0.0.1:8092}. */
  String baseUrl() {
    if (projections == null) {
      throw new IllegalStateException("projections have not started");
    }
    return "http://" + projections.config().advertisedHost() + ":" + projections.port();
  }

  @Override
  public String describe() {
    return projections == null ? name() : name() + " " + baseUrl() + " (/console, /v1/apps/{appId}/..., /docs,"
        + " /openapi.yaml, /instances, /health, /metrics)";
  }
}
