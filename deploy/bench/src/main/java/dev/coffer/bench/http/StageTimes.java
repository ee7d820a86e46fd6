package dev.coffer.bench.http;

import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a write's time went in the gateway over one measured run: its two stage timers ({@code
 * coffer.gateway.write.append}: submission to the broker's acknowledgement; {@code coffer.gateway.write.decide}:
 * acknowledgement to outcome), read from {@code /metrics} before and after the run and subtracted.
 *
 * @param append the append stage over the run
 * @param decide the decide stage over the run
 */
record StageTimes(Reading append, Reading decide) {
  private static final String APPEND = "coffer_gateway_write_append_seconds";
  private static final String DECIDE = "coffer_gateway_write_decide_seconds";

  /** Both stages of {@code path} ({@code player} or {@code receipt}) in a Prometheus exposition. */
  static StageTimes of(final String exposition, final String path) {
    return new StageTimes(Reading.of(exposition, APPEND, path), Reading.of(exposition, DECIDE, path));
  }

  /** What was recorded since {@code earlier}. */
  StageTimes since(final StageTimes earlier) {
    return new StageTimes(append.since(earlier.append), decide.since(earlier.decide));
  }

  /** For a report row: each stage's median (a bucket's upper bound) and mean. */
  String summary() {
    return String.format(Locale.ROOT,
        "in the gateway: event appended p50 %.1f ms (mean %.1f), outcome back p50 %.1f ms "
            + "(mean %.1f)", append.quantileMillis(0.5), append.meanMillis(), decide.quantileMillis(0.5),
        decide.meanMillis());
  }

  /** For the JSON results. */
  Map<String, Object> json() {
    return Map.of("appendP50Millis", append.quantileMillis(0.5), "appendMeanMillis", append.meanMillis(),
        "decideP50Millis", decide.quantileMillis(0.5), "decideMeanMillis", decide.meanMillis(), "decided",
        decide.count());
  }

  /**
   * One timer series: its cumulative histogram buckets (upper bound in seconds to count), count and sum.
   *
   * @param buckets upper bound (seconds) to the count at or below it
   * @param count how many were recorded
   * @param sumSeconds their total
   */
  record Reading(NavigableMap<Double, Long> buckets, long count, double sumSeconds) {
    static Reading of(final String exposition, final String metric, final String path) {
      final NavigableMap<Double, Long> buckets = new TreeMap<>();
      final Matcher b = Pattern.compile("^" + metric + "_bucket\\{path=\"" + path + "\",le=\"([^\"]+)\"} (\\S+)$",
          Pattern.MULTILINE).matcher(exposition);
      while (b.find()) {
        buckets.put(b.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(1)),
            (long) Double.parseDouble(b.group(2)));
      }
      return new Reading(buckets, (long) value(exposition, metric + "_count", path),
          value(exposition, metric + "_sum", path));
    }

    private static double value(final String exposition, final String series, final String path) {
      final Matcher m = Pattern.compile("^" + series + "\\{path=\"" + path + "\"} (\\S+)$", Pattern.MULTILINE)
          .matcher(exposition);
      if (!m.find()) {
        throw new IllegalStateException(series + "{path=\"" + path + "\"} is not in the gateway's /metrics");
      }
      return Double.parseDouble(m.group(1));
    }

    Reading since(final Reading earlier) {
      final NavigableMap<Double, Long> delta = new TreeMap<>();
      buckets.forEach((le, n) -> delta.put(le, n - earlier.buckets.getOrDefault(le, 0L)));
      return new Reading(delta, count - earlier.count, sumSeconds - earlier.sumSeconds);
    }

    double meanMillis() {
      return count == 0 ? Double.NaN : sumSeconds * 1000 / count;
    }

    /** The upper bound of the bucket holding quantile {@code q}, in ms; NaN with nothing recorded. */
    double quantileMillis(final double q) {
      if (count == 0) {
        return Double.NaN;
      }
      for (final Map.Entry<Double, Long> e : buckets.entrySet()) {
        if (e.getValue() >= Math.ceil(q * count)) {
          return e.getKey() * 1000;
        }
      }
      return Double.POSITIVE_INFINITY;
    }
  }
}
