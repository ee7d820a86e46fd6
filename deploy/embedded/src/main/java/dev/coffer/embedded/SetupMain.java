package dev.coffer.embedded;

import dev.coffer.config.ConfigException;
import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot job that makes a cluster ready for Coffer's services, from the code's own definitions:
 * it waits until the Kafka cluster has enough brokers and the registry answers, then applies
 * {@link CofferSetup} (every topic of {@code CofferTopics} created or aligned, replication 3 and
 * {@code min.insync.replicas} 2 from three brokers up; every value subject registered at
 * {@code BACKWARD_TRANSITIVE}). Idempotent: it may run at every deployment. The compose cluster's and
 * the Kubernetes manifests' setup jobs run it ({@code coffer/setup} image).
 *
 * <p>Configured by the environment: {@code COFFER_SETUP_BOOTSTRAP_SERVERS} and
 * {@code COFFER_SETUP_REGISTRY_URL} (required), {@code COFFER_SETUP_MIN_BROKERS} (default 3),
 * {@code COFFER_SETUP_TIMEOUT} (default 5m). Exit status 0 when done, 2 for a bad setting, 1 when the
 * cluster or the registry was not ready in time or refused the setup.
 */
public final class SetupMain {
  static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  static final String REGISTRY_URL = "registry.url";
  static final String MIN_BROKERS = "min.brokers";
  static final String TIMEOUT = "timeout";

  private static final Logger LOG = LoggerFactory.getLogger(SetupMain.class);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final ConfigSpec SPEC = ConfigSpec.builder("setup")
      .key(BOOTSTRAP_SERVERS, null)
      .key(REGISTRY_URL, null)
      .key(MIN_BROKERS, "3")
      .key(TIMEOUT, "5m")
      .envPrefix("COFFER_SETUP_")
      .exceptions((source, problems) -> new ConfigException("setup", source, problems))
      .build();

  /**
   * The job's settings.
   *
   * @param bootstrapServers the cluster
   * @param registryUrl the registry's Confluent-compatible URL
   * @param minBrokers the brokers to wait for (the replication the topics get is up to 3 of them)
   * @param timeout how long to wait for the cluster and the registry in all
   */
  public record Settings(String bootstrapServers, String registryUrl, int minBrokers, Duration timeout) {
    /** The settings {@code COFFER_SETUP_*} in {@code env} give; fails naming every bad key. */
    public static Settings from(final Map<String, String> env) {
      final ConfigValues v = SPEC.fromMap(Map.of(), null, env);
      final String bootstrap = v.hostPorts(BOOTSTRAP_SERVERS);
      final URI registry = v.httpUrl(REGISTRY_URL);
      final int minBrokers = v.intIn(MIN_BROKERS, 1, 100);
      final Duration timeout = v.duration(TIMEOUT);
      v.throwIfInvalid();
      return new Settings(bootstrap, registry.toString(), minBrokers, timeout);
    }
  }

  private SetupMain() {
  }

  /** Runs the job with the environment's settings; see the class comment for the exit status. */
  public static void main(final String[] args) {
    final Settings settings;
    try {
      settings = Settings.from(System.getenv());
    } catch (final ConfigException e) {
      LOG.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    try {
      final CofferSetup.Result result = run(settings);
      LOG.info("Coffer setup done: topics created {}, aligned {}; subjects {}", result.topics().created(),
          result.topics().aligned().keySet(), result.schemaIds().keySet());
    } catch (final RuntimeException | AssertionError e) {
      LOG.error("Coffer setup failed", e);
      System.exit(1);
    }
  }

  /** Waits for the cluster and the registry (within the settings' timeout), then applies the setup. */
  static CofferSetup.Result run(final Settings settings) {
    final long deadline = System.nanoTime() + settings.timeout().toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
      final Retry brokers = new Retry();
      final int count = Await.value(settings.minBrokers() + " brokers in " + settings.bootstrapServers(),
          remaining(deadline), () -> brokers.attempt(() -> {
            final int n = describeBrokers(admin);
            if (n < settings.minBrokers()) {
              throw new IllegalStateException(n + " of " + settings.minBrokers() + " brokers up");
            }
            return n;
          }));
      LOG.info("{} brokers up; waiting for the registry at {}", count, settings.registryUrl());
      // The registry may still be starting (with KafkaSQL storage it needs the cluster first).
      final Retry registry = new Retry();
      Await.value("the registry at " + settings.registryUrl(), remaining(deadline),
          () -> registry.attempt(() -> registryAnswers(settings.registryUrl())));
      final Retry setup = new Retry();
      return Await.value("topics and subjects applied", remaining(deadline),
          () -> setup.attempt(() -> CofferSetup.apply(admin, settings.registryUrl())));
    }
  }

  private static int describeBrokers(final Admin admin) {
    try {
      return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the cluster", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the cluster does not answer: " + e.getMessage(), e);
    }
  }

  private static boolean registryAnswers(final String registryUrl) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/subjects"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the registry answers HTTP " + response.statusCode());
      }
      return true;
    } catch (final IOException e) {
      throw new UncheckedIOException("the registry does not answer: " + e, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the registry", e);
    }
  }

  private static Duration remaining(final long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  /** An attempt at most every {@link #RETRY}; a failed one is logged and yields nothing. */
  private static final class Retry {
    private long next = System.nanoTime();

    <T> Optional<T> attempt(final Supplier<T> action) {
      if (System.nanoTime() - next < 0) {
        return Optional.empty();
      }
      next = System.nanoTime() + RETRY.toNanos();
      try {
        return Optional.of(action.get());
      } catch (final RuntimeException e) {
        LOG.info("Not ready yet: {}", e.getMessage());
        return Optional.empty();
      }
    }
  }
}
