package dev.coffer.ledger.runtime;

import java.nio.file.Files;
import dev.coffer.service.logging.LogSettings;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger service's entry point: {@code LedgerMain <config.yaml>} (or the path in
 * {@code COFFER_LEDGER_CONFIG}). Runs until SIGTERM, which closes Kafka Streams gracefully within
 * {@code shutdown.timeout}, or until Streams stops on its own.
 *
 * <p>Exit codes: 0 after a graceful stop, 1 if Streams failed (state ERROR: the orchestrator
 * should restart the instance), 2 for a bad command line or configuration.
 */
public final class LedgerMain {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerMain.class);

  private LedgerMain() {
  }

  /**
   * Runs the ledger.
   *
   * @param args the configuration file path, optional if {@code COFFER_LEDGER_CONFIG} is set
   * @throws InterruptedException if the main thread is interrupted while the ledger runs
   */
  public static void main(final String[] args) throws InterruptedException {
    final Map<String, String> env = System.getenv();
    final List<String> logProblems = LogSettings.problems(env);
    if (!logProblems.isEmpty()) {
      LOG.error("Invalid logging settings: {}", String.join("; ", logProblems));
      System.exit(2);
      return;
    }
    final String file = args.length > 0 ? args[0] : env.get(LedgerConfig.CONFIG_FILE_ENV);
    if (file == null || args.length > 1) {
      LOG.error("usage: LedgerMain <config.yaml|config.properties> (or set {})", LedgerConfig.CONFIG_FILE_ENV);
      System.exit(2);
      return;
    }
    final Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      LOG.error("ledger configuration file {} does not exist", path.toAbsolutePath());
      System.exit(2);
      return;
    }
    final LedgerConfig config;
    try {
      config = LedgerConfig.load(path, env);
    } catch (final LedgerConfigException e) {
      LOG.error(e.getMessage());
      System.exit(2);
      return;
    }
    final LedgerService service = LedgerService.create(config);
    // SIGTERM (and SIGINT) run shutdown hooks: close Streams cleanly so the last transaction commits.
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "coffer-ledger-shutdown"));
    service.start();
    while (!service.awaitTermination(Duration.ofMinutes(1))) {
      LOG.debug("ledger {} running, state {}", config.applicationId(), service.state());
    }
    if (service.failed()) {
      LOG.error("ledger {} stopped in state ERROR; exiting 1", config.applicationId(),
          service.failure().orElse(null));
      System.exit(1);
    }
  }
}
