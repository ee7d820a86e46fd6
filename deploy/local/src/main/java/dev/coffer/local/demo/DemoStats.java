package dev.coffer.local.demo;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters and latencies of a {@link DemoTraffic} run, safe to update from every caller thread.
 * Latencies go into an HdrHistogram {@link Recorder}: {@link #interval()} takes the last second's
 * histogram for the progress line and folds it into the run's total.
 */
public final class DemoStats {
  /** How a request ended. */
  public enum Result {
    /** The ledger applied it. */
    APPLIED,
    /** The ledger had seen its dedupe key: the original outcome came back. */
    DUPLICATE,
    /** The ledger rejected it by a rule (e.g. an overdraw): an expected answer, not an error. */
    REJECTED,
    /** 202: no outcome within the gateway's wait bound. */
    PENDING,
    /** Anything else: transport failure, 4xx/5xx without a ledger outcome. */
    ERROR
  }

  private final LongAdder[] counts = new LongAdder[Result.values().length];
  private final LongAdder replays = new LongAdder();
  // Microseconds; auto-resizing, 3 significant digits.
  private final Recorder recorder = new Recorder(3);
  private final Histogram total = new Histogram(3);
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private Histogram recycled;

  public DemoStats() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Records one answered request. */
  void record(final Result result, final long nanos, final boolean replay) {
    counts[result.ordinal()].increment();
    if (replay) {
      replays.increment();
    }
    recorder.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }

  /** Remembers the latest error's description for the progress line. */
  void error(final String description) {
    lastError.set(description);
  }

  /** How many requests ended with {@code result}. */
  public long count(final Result result) {
    return counts[result.ordinal()].sum();
  }

  /** How many requests were replays of earlier ones. */
  public long replays() {
    return replays.sum();
  }

  /** Every request answered so far. */
  public long requests() {
    long sum = 0;
    for (final LongAdder c : counts) {
      sum += c.sum();
    }
    return sum;
  }

  /** The latest error's description, or {@code null}. */
  public String lastError() {
    return lastError.get();
  }

  /** The latencies since the previous call, added to the total. One caller at a time (the reporter). */
  synchronized Histogram interval() {
    final Histogram h = recorder.getIntervalHistogram(recycled);
    total.add(h);
    recycled = h;
    return h;
  }

  /** The p99 latency of the whole run so far, in milliseconds. */
  public synchronized double p99Millis() {
    interval();
    return total.getValueAtPercentile(99) / 1000.0;
  }

  /** One progress line: throughput and p99 of the last interval, counts of the whole run. */
  String line(final long elapsedSeconds, final double perSecond, final double p99Millis) {
    final StringBuilder line = new StringBuilder(160).append(String.format(Locale.ROOT,
        "demo %4ds %8d req %7.1f req/s  p99 %7.1f ms  APPLIED %d  DUPLICATE %d (replays %d)  REJECTED %d",
        elapsedSeconds, requests(), perSecond, p99Millis, count(Result.APPLIED), count(Result.DUPLICATE), replays(),
        count(Result.REJECTED)));
    if (count(Result.PENDING) > 0) {
      line.append("  pending ").append(count(Result.PENDING));
    }
    line.append("  errors ").append(count(Result.ERROR));
    final String error = lastError();
    if (error != null) {
      line.append("  (last: ").append(error).append(')');
    }
    return line.toString();
  }
}
