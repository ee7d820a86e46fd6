package dev.coffer.cli;

import dev.coffer.apps.ApiKeys;
import dev.coffer.embedded.CofferStack;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import dev.coffer.service.lifecycle.Closer;
import dev.coffer.service.streams.StreamsSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real ledger, gateway and projections on the shared embedded broker and registry, over Coffer's own
 * topics, for the commands that call them. One per JVM (two ledgers on the same topics would both decide every
 * event). Undeliverable webhooks (the app's endpoint is a closed port) are parked after one attempt.
 */
final class Services implements AutoCloseable {
  static final String APP = "clitest";
  static final String SERVER_KEY = "cli-test-server-key";
  static final String TEST_STORE_SECRET = "cli-test-store-secret";
  private static final Duration START = Duration.ofSeconds(90);

  private final Closer closer = new Closer("cli test services");
  private final CofferStack stack;
  private Gateway gateway;
  private String ledgerApplicationId;
  private ProjectionsService projections;

  private Services(final CofferStack stack) {
    this.stack = stack;
  }

  /** Starts the three services, or none. */
  static Services start(final CofferStack stack, final Path dir) throws Exception {
    final Services services = new Services(stack);
    try {
      services.startAll(dir);
      return services;
    } catch (final Exception e) {
      services.close();
      throw e;
    }
  }

  private void startAll(final Path dir) throws Exception {
    stack.installCofferTopics();
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), appsYaml());
    ledgerApplicationId = stack.uniqueAppId("cli-ledger");
    final Map<String, String> ledgerSettings = LedgerConfig.singleBroker(stack.bootstrapServers(),
        stack.registryUrl(), ledgerApplicationId, dir.resolve("ledger"));
    ledgerSettings.put(LedgerConfig.HTTP_PORT, "0");
    final LedgerService ledger = closer.register(LedgerService.create(LedgerConfig.fromMap(ledgerSettings, Map.of())));
    ledger.start();
    if (!ledger.awaitRunning(START)) {
      throw new IllegalStateException("the ledger did not start", ledger.failure().orElse(null));
    }
    final Map<String, String> gatewaySettings = new HashMap<>();
    gatewaySettings.put(GatewayConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    gatewaySettings.put(GatewayConfig.REGISTRY_URL, stack.registryUrl());
    gatewaySettings.put(GatewayConfig.APPS_FILE, apps.toString());
    gatewaySettings.put(GatewayConfig.HTTP_PORT, "0");
    gateway = closer.register(Gateway.start(GatewayConfig.fromMap(gatewaySettings, Map.of())));
    final Map<String, String> settings = new HashMap<>();
    settings.put(ProjectionsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    settings.put(ProjectionsConfig.REGISTRY_URL, stack.registryUrl());
    settings.put(ProjectionsConfig.APPS_FILE, apps.toString());
    settings.put(ProjectionsConfig.HTTP_PORT, "0");
    settings.put(StreamsSettings.APPLICATION_ID, stack.uniqueAppId("cli-projections"));
    settings.put(StreamsSettings.STATE_DIR, dir.resolve("projections").toString());
    settings.put(StreamsSettings.REPLICATION_FACTOR, "1");
    settings.put(StreamsSettings.NUM_STANDBY_REPLICAS, "0");
    settings.put(ProjectionsConfig.WEBHOOK_MAX_ATTEMPTS, "1");
    projections = closer.register(ProjectionsService.create(ProjectionsConfig.fromMap(settings, Map.of())));
    projections.start();
    if (!projections.awaitRunning(START)) {
      throw new IllegalStateException("projections did not start", projections.failure());
    }
  }

  URI gateway() {
    return URI.create("http://127.0.0.1:" + gateway.port());
  }

  URI projections() {
    return URI.create("http://127.0.0.1:" + projections.port());
  }

  /** The live ledger's application id. */
  String ledgerApplicationId() {
    return ledgerApplicationId;
  }

  CofferStack stack() {
    return stack;
  }

  /** The options every HTTP command takes to reach these services. */
  String[] http() {
    return new String[] {"--gateway", gateway().toString(), "--projections", projections().toString(), "--app", APP};
  }

  /** The options every Kafka command takes. */
  String[] kafka() {
    return new String[] {"--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()};
  }

  @Override
  public void close() {
    closer.close();
  }

  private static String appsYaml() {
    return """
        apps:
          - appId: %s
            keys: [{label: server, role: server, sha256: %s}]
            pseudonymKey: cli-test-pseudonym-key-0123456789abcdef
            playerTokenSecret: cli-test-player-token-secret-0123456789
            stores:
              test: {secret: %s}
            webhooks:
              url: http://127.0.0.1:9/nowhere
              secrets: [cli-test-webhook-secret-0123456789abcdef]
            catalog:
              items:
                - {itemId: sword, consumable: false, stackable: false}
                - {itemId: potion, consumable: true, onConsume: {currencies: {hp: 50}}}
              products:
                - {productId: gems_100, productType: CONSUMABLE, storeProductIds: {test: gems_100}, grants: {currencies: {gems: 100}}}
        """
        .formatted(APP, ApiKeys.sha256Hex(SERVER_KEY), TEST_STORE_SECRET);
  }
}
