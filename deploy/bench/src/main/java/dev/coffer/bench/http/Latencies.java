package dev.coffer.bench.http;

import org.HdrHistogram.Histogram;

/**
 * What a closed-loop HTTP measurement saw: how many operations, how long, how many failed, and the
 * latency histogram in microseconds.
 *
 * @param operations completed operations (failed ones included)
 * @param errors operations that did not end in the expected answer
 * @param seconds wall time of the measured part
 * @param micros latencies in microseconds
 */
public record Latencies(long operations, long errors, double seconds, Histogram micros) {
  /** Operations per second. */
  public double perSecond() {
    return seconds <= 0 ? 0 : operations / seconds;
  }

  /** A percentile in milliseconds. */
  public double millisAt(final double percentile) {
    return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The maximum in milliseconds. */
  public double maxMillis() {
    return micros.getMaxValue() / 1000.0;
  }
}
