package dev.coffer.local;

import dev.coffer.apps.Apps;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.local.demo.DemoTraffic;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local stack: {@code java -jar deploy/local/target/coffer-local.jar}. Starts a Kafka
 * broker and a schema registry that keep their data in {@code .coffer-data/} (see {@link LocalConfig}),
 * applies Coffer's topics and registry subjects, starts every service of {@link LocalServices}, and
 * runs until Ctrl-C, which stops everything cleanly. A restart resumes from the data folder.
 *
 * <p>{@code --apps FILE} gives the gateway and projections that apps file (default: the bundled demo app).
 * {@code --demo-traffic} then drives demo traffic through the gateway until Ctrl-C;
 * {@code --demo-traffic=N} sends N requests and leaves the stack running (see {@link DemoTraffic}). Once the
 * stack runs it prints its addresses and curl calls for the configured app ({@link TryIt}).
 */
public final class CofferLocal {
  private static final Logger LOG = LoggerFactory.getLogger(CofferLocal.class);

  private CofferLocal() {
  }

  /** Runs the stack until the JVM is asked to stop. */
  public static void main(final String[] args) throws InterruptedException {
    final long begun = System.nanoTime();
    final LocalOptions options;
    try {
      options = LocalOptions.parse(args);
    } catch (final IllegalArgumentException e) {
      LOG.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    final OptionalLong demoTraffic = options.demoTraffic();
    final LocalConfig config;
    try {
      config = LocalConfig.load(options.appsFile());
    } catch (final LocalConfig.InvalidException e) {
      LOG.error("Bad configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    if (config.appsFile() != null) {
      final Apps apps;
      try {
        apps = Apps.load(config.appsFile());
      } catch (final AppsConfigException e) {
        LOG.error("Bad apps file: {}", e.getMessage());
        System.exit(2);
        return;
      }
      if (demoTraffic.isPresent() && apps.find(DemoSettings.LOCAL_APP).filter(TryIt::hasDemoServerKey).isEmpty()) {
        LOG.error("--demo-traffic drives the bundled demo app ({} with its demo keys), which {} does not have",
            DemoSettings.LOCAL_APP, config.appsFile());
        System.exit(2);
        return;
      }
    }
    final List<LocalService> services = LocalServices.inStartOrder();
    final LocalStack stack = new LocalStack(config);
    final CountDownLatch stopped = new CountDownLatch(1);
    final AtomicReference<DemoTraffic> traffic = new AtomicReference<>();
    // Installed before starting, so that Ctrl-C during startup also stops what has started so far.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the local stack");
      try {
        // Traffic first: its requests need the gateway.
        final DemoTraffic running = traffic.get();
        if (running != null) {
          running.close();
        }
        stack.close();
        LOG.info("Local stack stopped");
      } catch (final RuntimeException e) {
        LOG.error("The local stack did not stop cleanly", e);
      } finally {
        stopped.countDown();
      }
    }, "coffer-local-stopper"));
    try {
      stack.start(services);
    } catch (final RuntimeException e) {
      LOG.error("The local stack did not start", e);
      System.exit(1);
      return;
    }
    final StringBuilder banner = new StringBuilder(512)
        .append("\n\nCoffer local stack ready in ")
        .append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun)).append(" ms\n")
        .append("  kafka     ").append(stack.bootstrapServers()).append('\n')
        .append("  registry  ").append(stack.registryUrl()).append('\n')
        .append("  data      ").append(config.dataDir()).append('\n')
        .append("  subjects  ").append(stack.setup().schemaIds()).append('\n');
    services.forEach(s -> banner.append("  service   ").append(s.describe()).append('\n'));
    final String gateway = service(services, GatewayLocalService.class).baseUrl();
    banner.append(TryIt.lines(stack.appsFile(), gateway, service(services, ProjectionsLocalService.class).baseUrl()))
        .append("\nCtrl-C stops everything.\n");
    LOG.info("{}", banner);
    if (demoTraffic.isPresent()) {
      // Progress lines go to stdout, next to the log on stderr.
      traffic.set(DemoTraffic.start(DemoSettings.localDemo(URI.create(gateway), demoTraffic.getAsLong()),
          System.out::println));
    }
    stopped.await();
  }

  private static <S extends LocalService> S service(final List<LocalService> services, final Class<S> type) {
    return services.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " in the local stack"));
  }
}
