package dev.coffer.bench.http;

import dev.coffer.bench.Report;
import dev.coffer.bench.ledger.AppendCount;
import dev.coffer.embedded.CofferStack;
import dev.coffer.topics.CofferTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What projections (its views and its analytics application) appended to the broker for each outcome it
 * read during the HTTP runs: the write path's other broker load on a machine that hosts both.
 */
public final class ViewAppends {
  private ViewAppends() {
  }

  /**
   * Counts and reports the records of every topic of {@code applicationId} (and of the applications named
   * after it) against the outcomes they were made from.
   */
  public static void report(final CofferStack stack, final String applicationId, final Report report) {
    final String outcomesTopic = CofferTopics.LEDGER_OUTCOMES.name();
    final Map<String, Long> appended = new TreeMap<>(AppendCount.byTopic(stack.admin(), stack.bootstrapServers(),
        List.of(outcomesTopic), applicationId));
    final long outcomes = appended.remove(outcomesTopic);
    final long records = appended.values().stream().mapToLong(Long::longValue).sum();
    final double perOutcome = outcomes == 0 ? 0 : (double) records / outcomes;
    final StringBuilder byTopic = new StringBuilder();
    appended.forEach((topic, count) -> byTopic.append(byTopic.isEmpty() ? "" : ", ")
        .append(topic.replace(applicationId + "-", "")).append(' ').append(String.format(Locale.ROOT, "%,d", count)));
    report.row("records appended by projections per outcome", String.format(Locale.ROOT, "%.2f", perOutcome),
        String.format(Locale.ROOT, "%,d records for %,d outcomes (repartitions by end offset): %s", records,
            outcomes, byTopic));
    final Map<String, Object> json = new LinkedHashMap<>();
    json.put("outcomes", outcomes);
    json.put("recordsAppended", records);
    json.put("recordsPerOutcome", perOutcome);
    json.put("recordsByTopic", appended);
    report.put("projectionsAppends", json);
  }
}
