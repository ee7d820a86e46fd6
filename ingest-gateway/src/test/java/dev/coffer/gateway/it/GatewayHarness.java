package dev.coffer.gateway.it;

import dev.coffer.apps.Apps;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import dev.coffer.gateway.Gateway;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.purchases.StoreOptions;
import dev.coffer.gateway.receipts.apple.AppStoreServerFake;
import dev.coffer.gateway.receipts.google.GooglePlayFake;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import dev.coffer.projections.runtime.ProjectionsConfig;
import dev.coffer.projections.runtime.ProjectionsService;
import dev.coffer.service.streams.StreamsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real thing for the integration tests, once per JVM: the shared broker and registry, Coffer's
 * topics, ledger-streams running in-process on them, projections (the purchase index store
 * notifications look players up in), and a gateway in front, with one test app.
 */
final class GatewayHarness implements AutoCloseable {
  final CofferStack stack;
  final TestApp app;
  /** The internal token the gateways present to projections. */
  static final String INTERNAL_TOKEN = "gateway-it-internal-token-0123456789";
  final LedgerService ledger;
  final ProjectionsService projections;
  final Gateway gateway;
  final Http http;
  private Gateway quickGateway;
  private Http quickHttp;
  private Gateway optionsGateway;
  private Http optionsHttp;
  private GooglePlayFake googlePlay;
  private AppStoreServerFake appStore;

  private GatewayHarness(final CofferStack stack) {
    this.stack = stack;
    stack.installCofferTopics();
    this.app = new TestApp(stack.uniqueName("it").replaceAll("[^a-z0-9-]", ""));
    final Path dir;
    try {
      dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gateway-it");
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    this.ledger = startLedger(stack.bootstrapServers(), stack.registryUrl(),
        stack.uniqueAppId("gateway-it-ledger"), dir.resolve("ledger"));
    this.projections = startProjections(dir, stack.uniqueAppId("gateway-it-projections"));
    this.gateway = startGateway(Map.of());
    this.http = new Http(gateway.port());
  }

  /** A harness on a stack of one's own (the load main). */
  static GatewayHarness start(final CofferStack stack) {
    return new GatewayHarness(stack);
  }

  /** A gateway on this stack and app, asking this harness' projections, with extra config keys (e.g. tight rate limits). */
  Gateway startGateway(final Map<String, String> extra) {
    return startGateway(stack.bootstrapServers(), stack.registryUrl(), app.apps, Map.of(), withProjections(extra));
  }

  /** The keys that point a gateway at this harness' projections, then {@code extra}. */
  private Map<String, String> withProjections(final Map<String, String> extra) {
    final Map<String, String> c = new HashMap<>();
    c.put(GatewayConfig.PROJECTIONS_URL, "http://127.0.0.1:" + projections.port());
    c.put(GatewayConfig.PROJECTIONS_TOKEN, INTERNAL_TOKEN);
    c.putAll(extra);
    return c;
  }

  /** Projections for the test app (reads only: no webhooks, no server-sent events), once RUNNING. */
  private ProjectionsService startProjections(final Path dir, final String applicationId) {
    final Path appsFile = dir.resolve("apps.yaml");
    try {
      Files.writeString(appsFile, app.yaml());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    final Map<String, String> c = new HashMap<>();
    c.put(ProjectionsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    c.put(ProjectionsConfig.REGISTRY_URL, stack.registryUrl());
    c.put(ProjectionsConfig.APPS_FILE, appsFile.toString());
    c.put(StreamsSettings.APPLICATION_ID, applicationId);
    c.put(StreamsSettings.STATE_DIR, dir.resolve("projections").toString());
    c.put(StreamsSettings.REPLICATION_FACTOR, "1");
    c.put(StreamsSettings.NUM_STANDBY_REPLICAS, "0");
    c.put(ProjectionsConfig.HTTP_PORT, "0");
    c.put(ProjectionsConfig.INTERNAL_TOKEN, INTERNAL_TOKEN);
    c.put(ProjectionsConfig.WEBHOOKS_ENABLED, "false");
    c.put(ProjectionsConfig.SSE_ENABLED, "false");
    final ProjectionsService service = ProjectionsService.create(ProjectionsConfig.fromMap(c)).start();
    try {
      dev.coffer.embedded.Await.until("projections are RUNNING", Duration.ofSeconds(120),
          () -> service.streams().state() == KafkaStreams.State.RUNNING);
    } catch (final RuntimeException | AssertionError e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** A gateway for {@code app} on any broker and registry (a private stack), with extra config keys. */
  static Gateway startGateway(final String bootstrapServers, final String registryUrl, final TestApp app,
                              final Map<String, String> extra) {
    return startGateway(bootstrapServers, registryUrl, app.apps, extra);
  }

  /** A gateway for {@code apps} on any broker and registry, with extra config keys. */
  static Gateway startGateway(final String bootstrapServers, final String registryUrl, final Apps apps,
                              final Map<String, String> extra) {
    return startGateway(bootstrapServers, registryUrl, apps, Map.of(), extra);
  }

  /** A gateway for {@code apps} with their store options, on any broker and registry, with extra config keys. */
  static Gateway startGateway(final String bootstrapServers, final String registryUrl, final Apps apps,
                              final Map<String, StoreOptions> options, final Map<String, String> extra) {
    final Map<String, String> c = new HashMap<>();
    c.put(GatewayConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    c.put(GatewayConfig.REGISTRY_URL, registryUrl);
    c.put(GatewayConfig.APPS_FILE, "unused-apps-are-given.yaml");
    c.put(GatewayConfig.HTTP_PORT, "0");
    // Generous: two cores shared by several builds; a slow outcome must not turn into a 202 here.
    c.put(GatewayConfig.OUTCOME_WAIT, "30s");
    c.put(GatewayConfig.RATE_APP_PER_SECOND, "100000");
    c.put(GatewayConfig.RATE_APP_BURST, "100000");
    c.put(GatewayConfig.RATE_PLAYER_PER_SECOND, "10000");
    c.put(GatewayConfig.RATE_PLAYER_BURST, "10000");
    c.putAll(extra);
    return Gateway.start(GatewayConfig.fromMap(c), apps, options, Clock.systemUTC());
  }

  /** Starts ledger-streams in-process on any broker and registry and returns it once RUNNING. */
  static LedgerService startLedger(final String bootstrapServers, final String registryUrl,
                                   final String applicationId, final Path stateDir) {
    final Map<String, String> m =
        LedgerConfig.singleBroker(bootstrapServers, registryUrl, applicationId, stateDir);
    m.put(LedgerConfig.COMMIT_INTERVAL_MS, "50");
    m.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "32MiB");
    m.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    m.put(LedgerConfig.HTTP_PORT, "0");
    m.put(LedgerConfig.SHUTDOWN_TIMEOUT, "20s");
    final LedgerService ledger = LedgerService.create(LedgerConfig.fromMap(m)).start();
    try {
      dev.coffer.embedded.Await.until("the ledger is RUNNING", Duration.ofSeconds(120),
          () -> {
            if (ledger.failed()) {
              throw new AssertionError("the ledger failed", ledger.failure().orElse(null));
            }
            return ledger.state() == KafkaStreams.State.RUNNING;
          });
    } catch (final RuntimeException | AssertionError e) {
      ledger.close();
      throw e;
    }
    return ledger;
  }

  /**
   * A second gateway on the same app that waits only one second for an outcome: for events the ledger's
   * fold does not decide yet, which it parks, so they are answered 202 and checked on the topic.
   */
  synchronized Http quick() {
    if (quickHttp == null) {
      quickGateway = startGateway(Map.of(GatewayConfig.OUTCOME_WAIT, "1s"));
      quickHttp = new Http(quickGateway.port());
    }
    return quickHttp;
  }

  /**
   * A second gateway on the same app with every store option of {@link TestApp#options} (buyer binding,
   * the stores the apps file cannot configure yet, the store APIs on local fakes).
   */
  synchronized Http withOptions() {
    if (optionsHttp == null) {
      googlePlay = GooglePlayFake.start();
      appStore = AppStoreServerFake.start(TestApp.BUNDLE, TestApp.APP_APPLE_ID);
      optionsGateway = startGateway(stack.bootstrapServers(), stack.registryUrl(), app.apps,
          Map.of(app.appId, app.options(googlePlay, appStore)), withProjections(Map.of()));
      optionsHttp = new Http(optionsGateway.port());
    }
    return optionsHttp;
  }

  /** The local Play Developer API the options gateway calls. */
  synchronized GooglePlayFake googlePlay() {
    withOptions();
    return googlePlay;
  }

  /** The local App Store Server API the options gateway calls. */
  synchronized AppStoreServerFake appStore() {
    withOptions();
    return appStore;
  }

  /** A loopback port free now (nothing listens on it until someone binds it). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  String path(final String rest) {
    return "/v1/apps/" + app.appId + rest;
  }

  Optional<Throwable> ledgerFailure() {
    return ledger.failure();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (quickGateway != null) {
        quickGateway.close();
      }
      if (optionsGateway != null) {
        optionsGateway.close();
        googlePlay.close();
        appStore.close();
      }
    }
    gateway.close();
    projections.close();
    ledger.close();
  }

  /** Resolves the JVM's harness. */
  static final class Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GatewayHarness.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
      return parameter.getParameter().getType() == GatewayHarness.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
      final CofferStack stack = CofferStackExtension.shared(context);
      return context.getRoot().getStore(NAMESPACE)
          .getOrComputeIfAbsent(GatewayHarness.class, type -> new GatewayHarness(stack), GatewayHarness.class);
    }
  }
}
