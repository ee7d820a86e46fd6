package dev.coffer.gateway.it;

import dev.coffer.embedded.CofferStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Measures {@code POST /purchases} (test store, a fresh receipt and player each time) end to end:
 * HTTP, receipt check, produce, ledger dedupe and fold, outcome back. Everything in this JVM on
 * loopback: its own broker, registry, ledger and gateway. Bounded by count and time; prints req/s
 * and latency percentiles, asserts nothing.
 *
 * <pre>
 * java ... dev.coffer.gateway.it.PurchaseLoad [requests=5000] [concurrency=32] [maxSeconds=120]
 * </pre>
 */
public final class PurchaseLoad {
  private PurchaseLoad() {
  }

  /** Runs the measurement. */
  public static void main(final String[] args) throws Exception {
    final int total = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    final int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    final long maxNanos = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 120).toNanos();
    try (CofferStack stack = CofferStack.start(); GatewayHarness h = GatewayHarness.start(stack)) {
      final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      final URI uri = URI.create("http://127.0.0.1:" + h.gateway.port() + h.path("/purchases"));
      // Warm up JIT, connections and the ledger's stores; not measured.
      run(client, uri, h, 500, concurrency, maxNanos, new Histogram(60_000_000_000L, 3));
      final Histogram latency = new Histogram(60_000_000_000L, 3);
      final long start = System.nanoTime();
      final int[] result = run(client, uri, h, total, concurrency, maxNanos, latency);
      final double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "POST /purchases: %d requests (%d not 200) in %.1f s, concurrency %d:"
          + " %.0f req/s; latency ms p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
          result[0], result[1], seconds, concurrency, result[0] / seconds,
          latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
          latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
    }
  }

  private static int[] run(final HttpClient client, final URI uri, final GatewayHarness h, final int total,
                           final int concurrency, final long maxNanos, final Histogram latency)
      throws InterruptedException {
    final Semaphore slots = new Semaphore(concurrency);
    final AtomicInteger failed = new AtomicInteger();
    final List<CompletableFuture<?>> sent = new ArrayList<>();
    final long deadline = System.nanoTime() + maxNanos;
    int issued = 0;
    while (issued < total && System.nanoTime() < deadline) {
      slots.acquire();
      final String player = "load-" + issued;
      final String body = "{\"playerId\":\"" + player + "\",\"store\":\"test\",\"productId\":\"gems_100\","
          + "\"receipt\":{\"signedReceipt\":\"" + h.app.testReceipt(TestApp.transactionId(), "gems_100") + "\"}}";
      final HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + TestApp.SERVER_KEY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      final long began = System.nanoTime();
      sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        synchronized (latency) {
          latency.recordValue(System.nanoTime() - began);
        }
        if (e != null || r.statusCode() != 200) {
          failed.incrementAndGet();
        }
        slots.release();
      }));
      issued++;
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    return new int[] {issued, failed.get()};
  }
}
