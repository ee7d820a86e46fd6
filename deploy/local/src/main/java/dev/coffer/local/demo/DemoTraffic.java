package dev.coffer.local.demo;

import dev.coffer.client.CofferClient;
import dev.coffer.client.CofferException;
import dev.coffer.client.PendingException;
import dev.coffer.client.RejectedException;
import dev.coffer.client.model.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives realistic traffic through the gateway's HTTP API against one app, with the Java server SDK
 * ({@code coffer-client}, retrying 429/503 with the same key and following 202s), for demos and smoke runs:
 * test-store purchases with freshly signed receipts (gems, potions, the non-consumable sword pack,
 * whose second purchase the ledger rejects as {@code ALREADY_OWNED}), consumes of owned potions,
 * grants, spends (some of them overdraws, rejected {@code INSUFFICIENT_FUNDS}) and about
 * {@link DemoSettings#replayRatio()} replays of earlier answered requests, which the ledger must
 * answer {@code DUPLICATE}. Refunds are not part of the mix: the test store has no refund path (the
 * gateway turns only Apple and Google server notifications into revocations).
 *
 * <p>A progress line goes to the given sink every second (requests/s, p99 latency, APPLIED /
 * DUPLICATE / REJECTED / errors), and a summary when the run ends: after
 * {@link DemoSettings#maxRequests()} requests, or at {@link #close()}.
 */
public final class DemoTraffic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
  private static final int LOGGED_ERRORS = 10;
  private static final int REPLAY_POOL = 10_000;

  private final DemoSettings settings;
  private final Consumer<String> progress;
  private final DemoStats stats = new DemoStats();
  private final DemoRequests requests;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong loggedErrors = new AtomicLong();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Object replayLock = new Object();
  private final List<DemoRequests.Call> replayable = new ArrayList<>();
  private final List<Thread> callers = new ArrayList<>();
  private final CountDownLatch done;
  private final ScheduledExecutorService reporter;
  private final String runId;
  private final long begun = System.nanoTime();
  private volatile boolean running = true;
  private long lastCount;
  private long lastReport = begun;

  private DemoTraffic(final DemoSettings settings, final Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
    final CofferClient coffer = CofferClient.builder().gateway(settings.gateway()).appId(settings.appId())
        .apiKey(settings.serverKey()).requestTimeout(settings.requestTimeout()).build();
    this.done = new CountDownLatch(settings.concurrency());
    // Fresh players each run: a data folder kept from an earlier run must not carry their balances.
    this.runId = Long.toString(System.currentTimeMillis(), 36);
    this.requests = new DemoRequests(settings, coffer, runId);
    this.reporter = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "coffer-demo-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the callers and the progress reporter.
   *
   * @param settings what to drive
   * @param progress where progress and summary lines go
   * @return the running traffic; {@link #close()} stops it
   */
  public static DemoTraffic start(final DemoSettings settings, final Consumer<String> progress) {
    final DemoTraffic traffic = new DemoTraffic(Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(progress, "progress"));
    traffic.reporter.scheduleAtFixedRate(traffic::report, 1, 1, TimeUnit.SECONDS);
    for (int i = 0; i < settings.concurrency(); i++) {
      final int caller = i;
      final Thread t = new Thread(() -> traffic.run(caller), "coffer-demo-" + i);
      t.setDaemon(true);
      traffic.callers.add(t);
      t.start();
    }
    LOG.info("Demo traffic against {} (app {}): {} callers, {}, {}% replays", settings.gateway(),
        settings.appId(), settings.concurrency(), settings.maxRequests() == 0 ? "until Ctrl-C"
            : settings.maxRequests() + " requests", Math.round(settings.replayRatio() * 100));
    return traffic;
  }

  /** The run's counters and latencies. */
  public DemoStats stats() {
    return stats;
  }

  /**
   * Waits until every caller has finished (a bounded run sent all its requests).
   *
   * @return whether they finished within {@code timeout}
   */
  public boolean awaitDone(final Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops sending, waits for requests in flight (bounded by the request timeout) and prints the summary. */
  @Override
  public void close() {
    running = false;
    final long deadline = System.nanoTime() + settings.requestTimeout().plusSeconds(5).toNanos();
    try {
      for (final Thread t : callers) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (t.isAlive()) {
          LOG.warn("Demo caller {} still busy after the request timeout; leaving it (daemon)", t.getName());
        }
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while waiting for demo callers to finish");
    } finally {
      finish();
    }
  }

  private void run(final int caller) {
    final Random random = new Random(settings.seed() + caller);
    final List<DemoPlayer> players = new ArrayList<>();
    for (int i = 0; i < settings.playersPerCaller(); i++) {
      players.add(new DemoPlayer("demo-" + runId + "-" + caller + "-" + i));
    }
    try {
      while (running && (settings.maxRequests() == 0 || issued.incrementAndGet() <= settings.maxRequests())) {
        final DemoRequests.Call replay = random.nextDouble() < settings.replayRatio() ? pickReplay(random) : null;
        if (replay != null) {
          send(replay, null);
        } else {
          final DemoPlayer player = players.get(random.nextInt(players.size()));
          send(requests.next(player, random), player);
        }
      }
    } catch (final RuntimeException e) {
      // Counted so that a broken caller cannot pass for a clean run.
      stats.record(DemoStats.Result.ERROR, 0, false);
      stats.error("caller " + caller + " died: " + e);
      LOG.error("Demo caller {} died", caller, e);
    } finally {
      done.countDown();
      if (done.getCount() == 0) {
        finish();
      }
    }
  }

  /**
   * Sends one call through the SDK (which retries 429/503 with the same key and follows 202s);
   * {@code player} is null for a replay (whose player another caller may own).
   */
  private void send(final DemoRequests.Call call, final DemoPlayer player) {
    final boolean replay = player == null;
    final long start = System.nanoTime();
    final Outcome outcome;
    try {
      outcome = call.send().get();
    } catch (final RejectedException e) {
      // A rejection, or a DUPLICATE of one: the ledger answered; the outcome says which.
      stats.record(e.outcome().duplicate() ? DemoStats.Result.DUPLICATE : DemoStats.Result.REJECTED,
          System.nanoTime() - start, replay);
      if (!replay && !e.outcome().duplicate()) {
        remember(call);
      }
      return;
    } catch (final PendingException e) {
      stats.record(DemoStats.Result.PENDING, System.nanoTime() - start, replay);
      return;
    } catch (final CofferException e) {
      error(System.nanoTime() - start, replay, call, e.getMessage());
      return;
    }
    final long nanos = System.nanoTime() - start;
    final DemoStats.Result result = outcome.duplicate() ? DemoStats.Result.DUPLICATE : DemoStats.Result.APPLIED;
    stats.record(result, nanos, replay);
    if (!replay && result == DemoStats.Result.APPLIED) {
      player.apply(outcome);
      remember(call);
    }
  }

  private void error(final long nanos, final boolean replay, final DemoRequests.Call call, final String description) {
    stats.record(DemoStats.Result.ERROR, nanos, replay);
    stats.error(description);
    if (loggedErrors.incrementAndGet() <= LOGGED_ERRORS) {
      LOG.warn("Demo request {} failed: {}", call.description(), description);
    }
  }

  private void remember(final DemoRequests.Call call) {
    synchronized (replayLock) {
      if (replayable.size() < REPLAY_POOL) {
        replayable.add(call);
      } else {
        replayable.set((int) (issued.get() % REPLAY_POOL), call);
      }
    }
  }

  private DemoRequests.Call pickReplay(final Random random) {
    synchronized (replayLock) {
      return replayable.isEmpty() ? null : replayable.get(random.nextInt(replayable.size()));
    }
  }

  /** Runs on the reporter thread only. */
  private void report() {
    try {
      final long now = System.nanoTime();
      final long count = stats.requests();
      final double seconds = Math.max(1e-3, (now - lastReport) / 1e9);
      final Histogram interval = stats.interval();
      final double p99 = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0;
      progress.accept(stats.line(TimeUnit.NANOSECONDS.toSeconds(now - begun), (count - lastCount) / seconds, p99));
      lastCount = count;
      lastReport = now;
    } catch (final RuntimeException e) {
      // A scheduled task that throws is silently cancelled: log it, keep reporting.
      LOG.error("Demo progress report failed", e);
    }
  }

  private void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    reporter.shutdownNow();
    final double seconds = (System.nanoTime() - begun) / 1e9;
    progress.accept(String.format(Locale.ROOT,
        "demo finished: %d requests in %.1f s (%.1f req/s), p99 %.1f ms; APPLIED %d, DUPLICATE %d of %d replays,"
            + " REJECTED %d, pending %d, errors %d",
        stats.requests(), seconds, stats.requests() / Math.max(1e-3, seconds), stats.p99Millis(),
        stats.count(DemoStats.Result.APPLIED), stats.count(DemoStats.Result.DUPLICATE), stats.replays(),
        stats.count(DemoStats.Result.REJECTED), stats.count(DemoStats.Result.PENDING),
        stats.count(DemoStats.Result.ERROR)));
  }
}
