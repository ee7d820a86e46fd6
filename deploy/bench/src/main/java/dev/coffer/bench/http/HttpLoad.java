package dev.coffer.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop HTTP load on loopback: read-your-writes latency (a purchase through the gateway, then
 * its effect read back from projections) and interactive-query lookups. Each worker is a virtual thread
 * that waits for its answer before the next request, so the offered load follows what the system does.
 */
public final class HttpLoad {
  private static final Logger LOG = LoggerFactory.getLogger(HttpLoad.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String[] PRODUCTS = {"gems_100", "potions_3"};

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String gatewayBase;
  private final String projectionsBase;
  private final int players;

  /**
   * @param gatewayPort the gateway's HTTP port on 127.0.0.1
   * @param projectionsPort projections' HTTP port on 127.0.0.1
   * @param players how many distinct players the purchases spread over
   */
  public HttpLoad(final int gatewayPort, final int projectionsPort, final int players) {
    this.gatewayBase = "http://127.0.0.1:" + gatewayPort + "/v1/apps/" + BenchApp.APP_ID;
    this.projectionsBase = "http://127.0.0.1:" + projectionsPort + "/v1/apps/" + BenchApp.APP_ID;
    this.players = players;
  }

  /**
   * {@code POST /purchases} then {@code GET /players/{id}/wallet?minVersion=<playerVersion>}, timed from
   * before the POST to the wallet's 200: how long until a client sees its own purchase.
   *
   * @param requests purchases in all
   * @param concurrency workers
   * @param maxTime a bound on the whole measurement
   */
  public Latencies purchaseToVisible(final int requests, final int concurrency, final Duration maxTime) {
    final AtomicLong next = new AtomicLong();
    return run(concurrency, maxTime, () -> {
      final long n = next.getAndIncrement();
      if (n >= requests) {
        return Outcome.DONE;
      }
      final String player = "bench-player-" + (n % players);
      final HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(gatewayBase + "/purchases"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BenchApp.purchaseBody(player, PRODUCTS[(int) (n % 2)],
              "bench-" + UUID.randomUUID()))));
      if (posted.statusCode() != 200) {
        LOG.warn("POST /purchases answered {}: {}", posted.statusCode(), posted.body());
        return Outcome.FAILED;
      }
      final long version = JSON.readTree(posted.body()).path("playerVersion").asLong(-1);
      if (version < 1) {
        LOG.warn("POST /purchases answered without a playerVersion: {}", posted.body());
        return Outcome.FAILED;
      }
      // minVersion makes projections wait (bounded) for the view; past its bound it answers 503: ask again.
      for (int attempt = 0; attempt < 5; attempt++) {
        final HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(
            projectionsBase + "/players/" + player + "/wallet?minVersion=" + version)).GET());
        if (read.statusCode() == 200) {
          return Outcome.OK;
        }
        if (read.statusCode() != 503) {
          LOG.warn("GET /wallet answered {}: {}", read.statusCode(), read.body());
          return Outcome.FAILED;
        }
      }
      return Outcome.FAILED;
    });
  }

  /**
   * Closed-loop {@code GET /players/{id}/inventory} over the players the purchases made, for a fixed time.
   *
   * @param concurrency readers
   * @param duration how long to read
   */
  public Latencies inventoryLookups(final int concurrency, final Duration duration) {
    final long end = System.nanoTime() + duration.toNanos();
    final AtomicLong next = new AtomicLong();
    return run(concurrency, duration.plusSeconds(30), () -> {
      if (System.nanoTime() - end > 0) {
        return Outcome.DONE;
      }
      final String player = "bench-player-" + (next.getAndIncrement() % players);
      final HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(
          projectionsBase + "/players/" + player + "/inventory")).GET());
      return read.statusCode() == 200 ? Outcome.OK : Outcome.FAILED;
    });
  }

  /** A warm-up of both paths (JIT, connections, the ledger's and projections' first stores): not measured. */
  public void warmUp(final int purchases) {
    purchaseToVisible(purchases, 4, Duration.ofSeconds(60));
    inventoryLookups(4, Duration.ofSeconds(2));
  }

  private enum Outcome { OK, FAILED, DONE }

  @FunctionalInterface
  private interface Operation {
    Outcome call() throws IOException, InterruptedException;
  }

  private Latencies run(final int concurrency, final Duration maxTime, final Operation operation) {
    final Recorder recorder = new Recorder(3);
    final AtomicLong operations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final long deadline = System.nanoTime() + maxTime.toNanos();
    final long started = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      final List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(pool.submit(() -> {
          while (System.nanoTime() - deadline < 0) {
            final long t0 = System.nanoTime();
            final Outcome outcome = operation.call();
            if (outcome == Outcome.DONE) {
              return null;
            }
            recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
            operations.incrementAndGet();
            if (outcome == Outcome.FAILED) {
              errors.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (final Future<?> worker : workers) {
        worker.get();
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the HTTP load", e);
    } catch (final ExecutionException e) {
      throw new IllegalStateException("an HTTP worker failed", e.getCause());
    }
    final double seconds = (System.nanoTime() - started) / 1e9;
    final Histogram histogram = recorder.getIntervalHistogram();
    return new Latencies(operations.get(), errors.get(), seconds, histogram);
  }

  private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + BenchApp.SERVER_KEY)
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
