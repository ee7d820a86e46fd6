package dev.coffer.local.demo;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link DemoTraffic} drives and how hard.
 *
 * @param gateway the gateway's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param appId the app the traffic is for
 * @param serverKey a server API key of that app
 * @param testStoreSecret the app's test-store secret, to sign fresh receipts
 * @param concurrency parallel callers; each owns its own players, so a player's requests are sequential
 * @param playersPerCaller players each caller plays
 * @param maxRequests stop after this many requests; 0 runs until {@link DemoTraffic#close()}
 * @param replayRatio the share of requests that repeat an earlier, answered request (0 to 1)
 * @param requestTimeout the longest one HTTP call may take before it counts as an error
 * @param seed the random seed, so a run's mix can be repeated
 */
public record DemoSettings(URI gateway, String appId, String serverKey, String testStoreSecret, int concurrency,
                           int playersPerCaller, long maxRequests, double replayRatio, Duration requestTimeout,
                           long seed) {
  /** The bundled local stack's demo app (deploy/local's apps.local.yaml): local use only. */
  public static final String LOCAL_APP = "demo";
  /** The demo app's server key, as in apps.local.yaml. */
  public static final String LOCAL_SERVER_KEY = "local-demo-server-key";
  /** The demo app's test-store secret, as in apps.local.yaml. */
  public static final String LOCAL_TEST_STORE_SECRET = "local-demo-test-store-secret";

  public DemoSettings {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(serverKey, "serverKey");
    Objects.requireNonNull(testStoreSecret, "testStoreSecret");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (concurrency < 1 || playersPerCaller < 1) {
      throw new IllegalArgumentException("concurrency and playersPerCaller must be positive");
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("maxRequests must be 0 (unbounded) or positive, was " + maxRequests);
    }
    if (!(replayRatio >= 0 && replayRatio <= 1)) {
      throw new IllegalArgumentException("replayRatio must be between 0 and 1, was " + replayRatio);
    }
  }

  /**
   * The local stack's demo app at {@code gateway}: 8 callers of 25 players each, 10% replays.
   *
   * @param gateway the gateway's base URL
   * @param maxRequests 0 for unbounded
   * @return the settings
   */
  public static DemoSettings localDemo(final URI gateway, final long maxRequests) {
    return new DemoSettings(gateway, LOCAL_APP, LOCAL_SERVER_KEY, LOCAL_TEST_STORE_SECRET, 8, 25, maxRequests, 0.10,
        Duration.ofSeconds(30), System.nanoTime());
  }

  /** The same settings with another concurrency. */
  public DemoSettings withConcurrency(final int callers) {
    return new DemoSettings(gateway, appId, serverKey, testStoreSecret, callers, playersPerCaller, maxRequests,
        replayRatio, requestTimeout, seed);
  }
}
