package dev.coffer.gateway;

import dev.coffer.service.logging.LogSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's main: {@code java dev.coffer.gateway.GatewayMain [config.yaml]} (or
 * {@code COFFER_GATEWAY_CONFIG}); every key may be overridden by {@code COFFER_GATEWAY_*}. Stops
 * gracefully on SIGTERM.
 */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {
  }

  /** Starts the gateway and waits for shutdown. */
  public static void main(final String[] args) throws InterruptedException {
    final List<String> logProblems = LogSettings.problems(System.getenv());
    if (!logProblems.isEmpty()) {
      LOG.error("Invalid logging settings: {}", String.join("; ", logProblems));
      System.exit(2);
      return;
    }
    final String file = args.length > 0 ? args[0] : System.getenv(GatewayConfig.CONFIG_FILE_ENV);
    final GatewayConfig config;
    try {
      config = GatewayConfig.load(file == null ? null : Path.of(file), System.getenv());
    } catch (final GatewayConfigException e) {
      LOG.error("Invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    final Gateway gateway = Gateway.start(config);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "coffer-gateway-shutdown"));
    stopped.await();
  }
}
