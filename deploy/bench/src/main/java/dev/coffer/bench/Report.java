package dev.coffer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.bench.http.Latencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a bench run found: a table for people (README-ready Markdown) and JSON for tools. */
public final class Report {
  private static final Logger LOG = LoggerFactory.getLogger(Report.class);

  private final Map<String, Object> json = new LinkedHashMap<>();
  private final List<String[]> table = new ArrayList<>();

  /** Adds a row to the table. */
  public void row(final String what, final String value, final String note) {
    LOG.info("BENCH {}: {} ({})", what, value, note);
    table.add(new String[] {what, value, note});
  }

  /** Puts a section into the JSON. */
  public void put(final String key, final Object value) {
    json.put(key, value);
  }

  /** The table as Markdown. */
  public String render() {
    final StringBuilder s = new StringBuilder("| measurement | result | notes |\n|---|---:|---|\n");
    for (final String[] r : table) {
      s.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n");
    }
    return s.toString();
  }

  /** Writes the JSON to {@code out}. */
  public void write(final Path out) {
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** {@code 12,345 events/s}. */
  public static String rate(final double perSecond, final String unit) {
    return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
  }

  /** {@code 1.23 s}. */
  public static String seconds(final long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** A ratio with three decimals. */
  public static String ratio(final double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** p50, p99, p99.9, max, operations and errors. */
  public static String latencies(final Latencies l) {
    return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; %d ops, %d errors",
        l.millisAt(50), l.millisAt(99), l.millisAt(99.9), l.maxMillis(), l.operations(), l.errors());
  }

  /** The JSON of a latency measurement. */
  public static Map<String, Object> json(final Latencies l, final int concurrency) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("operations", l.operations());
    m.put("errors", l.errors());
    m.put("concurrency", concurrency);
    m.put("seconds", l.seconds());
    m.put("perSecond", l.perSecond());
    m.put("p50Millis", l.millisAt(50));
    m.put("p99Millis", l.millisAt(99));
    m.put("p999Millis", l.millisAt(99.9));
    m.put("maxMillis", l.maxMillis());
    return m;
  }
}
