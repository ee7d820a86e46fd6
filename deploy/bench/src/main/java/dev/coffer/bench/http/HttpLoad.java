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
 * Closed-loop HTTP load on loopback from Java, where a request depends on the answer to the one before
 * (read-your-writes: a grant through the gateway, then its effect read back from projections with the
 * version it returned), and the seeding of the bench players. Each worker is a virtual thread that waits
 * for its answer before the next request. Plain request rates are measured with wrk ({@link Wrk}).
 */
public final class HttpLoad {
  private static final Logger LOG = LoggerFactory.getLogger(HttpLoad.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

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
   * Gives each of {@code players} players ({@code bench-p-<i>}) {@code gems} gems, so that a later
   * spend of one gem never overdraws: the write load then measures writes, not rejections.
   */
  public void seed(final int players, final long gems, final int concurrency) {
    final AtomicLong next = new AtomicLong();
    final Latencies seeded = run(concurrency, Duration.ofMinutes(5), () -> {
      final long n = next.getAndIncrement();
      if (n >= players) {
        return Outcome.DONE;
      }
      final HttpResponse<String> posted = post("/players/" + player(n) + "/grants", "{\"idempotencyKey\":\"seed-"
          + n + "\",\"reason\":\"bench seed\",\"grants\":{\"currencies\":{\"gems\":" + gems + "}}}");
      return posted.statusCode() == 200 ? Outcome.OK : Outcome.FAILED;
    });
    if (seeded.errors() > 0) {
      throw new IllegalStateException(seeded.errors() + " of " + players + " seed grants failed");
    }
  }

  /**
   * A grant through the gateway, then {@code GET /players/{id}/wallet?minVersion=<its version>} from
   * projections, timed from before the POST to the wallet's 200: how long until a client reads its own
   * write.
   *
   * @param requests writes in all
   * @param concurrency workers
   * @param maxTime a bound on the whole measurement
   */
  public Latencies writeToVisible(final int requests, final int concurrency, final Duration maxTime) {
    final AtomicLong next = new AtomicLong();
    final String run = Long.toHexString(System.nanoTime());
    return run(concurrency, maxTime, () -> {
      final long n = next.getAndIncrement();
      if (n >= requests) {
        return Outcome.DONE;
      }
      final String player = player(n % players);
      final HttpResponse<String> posted = post("/players/" + player + "/grants", "{\"idempotencyKey\":\"v-" + run
          + "-" + n + "\",\"reason\":\"bench\",\"grants\":{\"currencies\":{\"gems\":1}}}");
      if (posted.statusCode() != 200) {
        LOG.warn("POST /grants answered {}: {}", posted.statusCode(), posted.body());
        return Outcome.FAILED;
      }
      final long version = JSON.readTree(posted.body()).path("version").asLong(-1);
      if (version < 1) {
        LOG.warn("POST /grants answered without a version: {}", posted.body());
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

  /** The id of the {@code n}-th bench player. */
  public static String player(final long n) {
    return "bench-p-" + n;
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

  private HttpResponse<String> post(final String path, final String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(gatewayBase + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + BenchApp.SERVER_KEY)
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
