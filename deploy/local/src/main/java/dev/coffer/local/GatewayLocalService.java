package dev.coffer.local;

import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The ingest gateway in the local stack: HTTP on 127.0.0.1:8080 over the stack's shared apps file
 * ({@link LocalContext#appsFile()}), asking the stack's projections (when they started before it and published
 * their URL) for the purchase index and for outcomes (the {@code Location} of its 202s). Any key can be
 * overridden with {@code COFFER_GATEWAY_*}.
 */
final class GatewayLocalService implements LocalService {
  private static final String DEFAULT_PORT = "8080";

  /** Settings applied on top of the stack's own (still under {@code COFFER_GATEWAY_*}), e.g. ports in tests. */
  private final Map<String, String> overrides;
  private Gateway gateway;

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
    return gateway == null ? name() : name() + "     " + baseUrl() + " (/v1/apps/{appId}/..., /docs, /openapi.yaml,"
        + " /health, /metrics)";
  }
}
