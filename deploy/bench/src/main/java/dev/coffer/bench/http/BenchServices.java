package dev.coffer.bench.http;

import dev.coffer.service.streams.StreamsSettings;
import dev.coffer.embedded.CofferStack;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The ledger, gateway and projections in this JVM on Coffer's topics, with their production defaults
 * except what one broker needs (replication 1) and the rate limits, set high: the bench measures the
 * write path, not the limiter.
 */
public final class BenchServices implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final LedgerService ledger;
  private final Gateway gateway;
  private final ProjectionsService projections;
  private final String projectionsApplicationId;

  private BenchServices(final LedgerService ledger, final Gateway gateway, final ProjectionsService projections,
                        final String projectionsApplicationId) {
    this.ledger = ledger;
    this.gateway = gateway;
    this.projections = projections;
    this.projectionsApplicationId = projectionsApplicationId;
  }

  /**
   * Starts the three and waits until the Streams applications run; {@code ledgerSettings} and
   * {@code projectionsExtra} are further configuration keys of the ledger and of projections.
   */
  public static BenchServices start(final CofferStack stack, final Path work,
                                    final Map<String, String> ledgerSettings,
                                    final Map<String, String> projectionsExtra) {
    stack.installCofferTopics();
    final Path apps = BenchApp.writeAppsFile(work);
    final Map<String, String> settings = LedgerConfig.singleBroker(stack.bootstrapServers(),
        stack.registryUrl(), stack.uniqueAppId("bench-ledger"), work.resolve("ledger-http"));
    settings.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "64MiB");
    settings.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    settings.put(LedgerConfig.HTTP_PORT, "0");
    settings.putAll(ledgerSettings);
    final Map<String, String> gatewaySettings = new HashMap<>();
    gatewaySettings.put(GatewayConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    gatewaySettings.put(GatewayConfig.REGISTRY_URL, stack.registryUrl());
    gatewaySettings.put(GatewayConfig.APPS_FILE, apps.toString());
    gatewaySettings.put(GatewayConfig.HTTP_PORT, "0");
    gatewaySettings.put(GatewayConfig.RATE_APP_PER_SECOND, "1000000");
    gatewaySettings.put(GatewayConfig.RATE_APP_BURST, "1000000");
    gatewaySettings.put(GatewayConfig.RATE_PLAYER_PER_SECOND, "1000000");
    gatewaySettings.put(GatewayConfig.RATE_PLAYER_BURST, "1000000");
    final Map<String, String> projectionsSettings = new HashMap<>();
    projectionsSettings.put(ProjectionsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    projectionsSettings.put(ProjectionsConfig.REGISTRY_URL, stack.registryUrl());
    projectionsSettings.put(ProjectionsConfig.APPS_FILE, apps.toString());
    projectionsSettings.put(StreamsSettings.APPLICATION_ID, stack.uniqueAppId("bench-projections"));
    projectionsSettings.put(StreamsSettings.STATE_DIR, work.resolve("projections").toString());
    projectionsSettings.put(StreamsSettings.REPLICATION_FACTOR, "1");
    projectionsSettings.put(StreamsSettings.NUM_STANDBY_REPLICAS, "0");
    projectionsSettings.put(ProjectionsConfig.HTTP_PORT, "0");
    projectionsSettings.put(ProjectionsConfig.WEBHOOKS_ENABLED, "false");
    projectionsSettings.putAll(projectionsExtra);
    LedgerService ledger = null;
    Gateway gateway = null;
    try {
      ledger = LedgerService.create(LedgerConfig.fromMap(settings)).start();
      gateway = Gateway.start(GatewayConfig.fromMap(gatewaySettings));
      final ProjectionsService projections = ProjectionsService.create(
          ProjectionsConfig.fromMap(projectionsSettings)).start();
      final BenchServices services = new BenchServices(ledger, gateway, projections,
          projectionsSettings.get(StreamsSettings.APPLICATION_ID));
      services.awaitRunning();
      return services;
    } catch (final RuntimeException e) {
      if (gateway != null) {
        gateway.close();
      }
      if (ledger != null) {
        ledger.close();
      }
      throw e;
    }
  }

  private void awaitRunning() {
    try {
      if (!ledger.awaitRunning(START_TIMEOUT)) {
        throw new IllegalStateException("the ledger did not reach RUNNING (state " + ledger.state() + ")",
            ledger.failure().orElse(null));
      }
      if (!projections.awaitRunning(START_TIMEOUT)) {
        throw new IllegalStateException("projections did not reach RUNNING", projections.failure());
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the services", e);
    }
  }

  /** The gateway's port. */
  public int gatewayPort() {
    return gateway.port();
  }

  /** Projections' Streams application id (its analytics application's id starts with it). */
  public String projectionsApplicationId() {
    return projectionsApplicationId;
  }

  /** Projections' port. */
  public int projectionsPort() {
    return projections.port();
  }

  @Override
  public void close() {
    projections.close();
    gateway.close();
    ledger.close();
  }
}
