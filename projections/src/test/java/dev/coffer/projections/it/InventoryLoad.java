package dev.coffer.projections.it;

import dev.coffer.embedded.CofferStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures {@code GET /inventory} on this machine: a private broker and registry, the ledger, one
 * projections instance (or two with {@code --instances 2}, half the reads then forwarded), players
 * seeded through the ledger, then closed-loop readers on loopback for a bounded time. Prints
 * lookups/s and latency percentiles; asserts nothing.
 *
 * <pre>
 * java -cp ... dev.coffer.projections.it.InventoryLoad [--players 200] [--readers 16] [--seconds 15] [--instances 1]
 * </pre>
 */
public final class InventoryLoad {
  private InventoryLoad() {
  }

  public static void main(final String[] args) throws Exception {
    final int players = arg(args, "--players", 200);
    final int readers = arg(args, "--readers", 16);
    final int seconds = Math.min(arg(args, "--seconds", 15), 120);
    final int instances = arg(args, "--instances", 1);
    final Path dir = Files.createTempDirectory("coffer-inventory-load");
    try (CofferStack stack = CofferStack.start();
        ProjectionsCluster cluster = new ProjectionsCluster(stack, dir, instances, null)) {
      final List<UUID> seeded = new ArrayList<>();
      for (int p = 0; p < players; p++) {
        seeded.add(cluster.sendGrant("load-player-" + p, 100, 3));
      }
      long lastVersion = 0;
      for (final UUID eventId : seeded) {
        lastVersion = Math.max(lastVersion, cluster.awaitOutcome(eventId).getVersion());
      }
      final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      final String base = "/v1/apps/" + ProjectionsCluster.APP + "/players/load-player-";
      // Warm up (JIT, connections) before measuring, and check the views caught up.
      warm(client, cluster, base, players, lastVersion);
      final Recorder recorder = new Recorder(3);
      final AtomicLong errors = new AtomicLong();
      final long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      final long started = System.nanoTime();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        final List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
          final int reader = r;
          running.add(pool.submit(() -> {
            int i = reader;
            while (System.nanoTime() < end) {
              final String uri = cluster.baseUrl(i % instances) + base + (i % players) + "/inventory";
              final long t0 = System.nanoTime();
              final int status = get(client, uri);
              recorder.recordValue((System.nanoTime() - t0) / 1_000);
              if (status != 200) {
                errors.incrementAndGet();
              }
              i += readers;
            }
            return null;
          }));
        }
        for (final Future<?> f : running) {
          f.get();
        }
      }
      final double elapsed = (System.nanoTime() - started) / 1e9;
      final Histogram h = recorder.getIntervalHistogram();
      System.out.printf(Locale.ROOT, "GET /inventory: %d instance(s), %d players, %d readers, %.1f s: %d lookups,"
          + " %.0f lookups/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, non-200 %d%n",
          instances, players, readers, elapsed, h.getTotalCount(), h.getTotalCount() / elapsed,
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
          h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, errors.get());
    }
  }

  private static void warm(final HttpClient client, final ProjectionsCluster cluster, final String base,
                           final int players, final long lastVersion) {
    get(client, cluster.baseUrl(0) + base + "0/inventory?minVersion=" + lastVersion);
    for (int i = 0; i < Math.max(players, 2_000); i++) {
      get(client, cluster.baseUrl(i % cluster.projections().size()) + base + (i % players) + "/inventory");
    }
  }

  private static int get(final HttpClient client, final String uri) {
    final HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
        .header("Authorization", "Bearer " + ProjectionsCluster.SERVER_KEY).timeout(Duration.ofSeconds(30)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (final IOException e) {
      // Counted as a non-200 answer by the caller.
      return -1;
    }
  }

  private static int arg(final String[] args, final String name, final int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
