package dev.coffer.local;

import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.local.demo.DemoSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ingest gateway in the local stack: HTTP on 127.0.0.1:8080 over the stack's shared apps file
 * ({@link LocalContext#appsFile()}: app {@code demo}, test store enabled). Any key can be overridden with
 * {@code COFFER_GATEWAY_*}. Its description prints working curl calls against the demo app.
 */
final class GatewayLocalService implements LocalService {
  private static final String DEFAULT_PORT = "8080";

  private Gateway gateway;
  private String description;

  /** Settings applied on top of the stack's own (still under {@code COFFER_GATEWAY_*}), e.g. ports in tests. */
  private final Map<String, String> overrides;

  GatewayLocalService() {
    this(Map.of());
  }

  GatewayLocalService(final Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public void start(final LocalContext context) {
    final Map<String, String> settings = new HashMap<>();
    settings.put(GatewayConfig.BOOTSTRAP_SERVERS, context.bootstrapServers());
    settings.put(GatewayConfig.REGISTRY_URL, context.registryUrl());
    settings.put(GatewayConfig.APPS_FILE, context.appsFile().toString());
    settings.put(GatewayConfig.HTTP_PORT, DEFAULT_PORT);
    context.url("projections").ifPresent(url -> {
      settings.put(GatewayConfig.PROJECTIONS_URL, url);
      settings.put(GatewayConfig.PROJECTIONS_TOKEN, context.internalToken());
    });
    settings.putAll(overrides);
    gateway = Gateway.start(GatewayConfig.fromMap(settings, System.getenv()));
    description = tryIt("http://127.0.0.1:" + gateway.port());
  }

  /** The gateway's base URL once started, e.g. {@code http://127.0.0.1:8080} (the demo traffic's target). */
  String baseUrl() {
    if (gateway == null) {
      throw new IllegalStateException("the gateway has not started");
    }
    return "http://127.0.0.1:" + gateway.port();
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Override
  public String describe() {
    return description == null ? name() : description;
  }

  private String tryIt(final String base) {
    // A fresh receipt each start: a receipt is unique, and replaying an old one answers DUPLICATE.
    final String receipt = TestReceipts.sign(TestReceipt.of(DemoSettings.LOCAL_APP, "local-" + UUID.randomUUID(),
        "gems_100", Instant.now()), DemoSettings.LOCAL_TEST_STORE_SECRET);
    final String auth = " -H 'Authorization: Bearer " + DemoSettings.LOCAL_SERVER_KEY
        + "' -H 'Content-Type: application/json'";
    return name() + " " + base + " (app demo; " + base + "/openapi.yaml, /health, /metrics)\n"
        + "    buy 100 gems:   curl -s -X POST " + base + "/v1/apps/demo/purchases" + auth
        + " -d '{\"playerId\":\"alice\",\"store\":\"test\",\"productId\":\"gems_100\",\"receipt\":{\"signedReceipt\":\""
        + receipt + "\"}}'\n"
        + "    spend 30 gems:  curl -s -X POST " + base + "/v1/apps/demo/players/alice/spend" + auth
        + " -d '{\"idempotencyKey\":\"spend-1\",\"currency\":\"gems\",\"amount\":30,\"reason\":\"shield\"}'\n"
        + "    read wallet:    curl -s http://127.0.0.1:8092/v1/apps/demo/players/alice/wallet"
        + " -H 'Authorization: Bearer " + DemoSettings.LOCAL_SERVER_KEY + "'\n"
        + "                    (add ?minVersion=<the version a write returned> to wait until the read sees it)";
  }
}
