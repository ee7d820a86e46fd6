package dev.coffer.projections.runtime;

import dev.coffer.service.logging.LogSettings;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projections instance: {@code java -cp ... dev.coffer.projections.runtime.ProjectionsMain
 * projections.yaml} (or the file named by {@code COFFER_PROJECTIONS_CONFIG}); stops gracefully on
 * SIGTERM.
 */
public final class ProjectionsMain {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionsMain.class);

  private ProjectionsMain() {
  }

  /** Starts the service and waits for shutdown. */
  public static void main(final String[] args) throws InterruptedException {
    final List<String> logProblems = LogSettings.problems(System.getenv());
    if (!logProblems.isEmpty()) {
      LOG.error("Invalid logging settings: {}", String.join("; ", logProblems));
      System.exit(2);
    }
    final String file = args.length > 0 ? args[0] : System.getenv(ProjectionsConfig.CONFIG_FILE_ENV);
    if (file == null || file.isBlank()) {
      LOG.error("usage: ProjectionsMain <config.yaml> (or set {})", ProjectionsConfig.CONFIG_FILE_ENV);
      System.exit(2);
    }
    final ProjectionsConfig config;
    try {
      config = ProjectionsConfig.load(Path.of(file), System.getenv());
    } catch (final ProjectionsConfigException e) {
      LOG.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    final ProjectionsService service = ProjectionsService.create(config).start();
    final Thread shutdown = Thread.ofPlatform().name("coffer-projections-shutdown").unstarted(service::close);
    Runtime.getRuntime().addShutdownHook(shutdown);
    Thread.currentThread().join();
  }
}
