package dev.coffer.projections.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds the partitions' partial counts (keyed by app) into one row per app and minute, and once a
 * minute deletes the minutes older than the retention: the store holds at most apps &times; retention
 * minutes rows.
 */
final class OutcomeSum implements Processor<String, OutcomeMinute, Void, Void> {
  private final Duration retention;
  private final Clock clock;
  private KeyValueStore<String, OutcomeMinute> minutes;

  OutcomeSum(final Duration retention, final Clock clock) {
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    this.minutes = context.getStateStore(AnalyticsTopology.OUTCOME_MIX);
    context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, now -> expire());
  }

  @Override
  public void process(final Record<String, OutcomeMinute> record) {
    final OutcomeMinute partial = record.value();
    if (partial == null) {
      return;
    }
    final String key = OutcomeMinute.key(partial.appId(), partial.minute());
    final OutcomeMinute before = minutes.get(key);
    minutes.put(key, before == null ? partial : before.plus(partial));
  }

  private void expire() {
    final Instant oldest = clock.instant().minus(retention);
    final List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, OutcomeMinute> all = minutes.all()) {
      while (all.hasNext()) {
        final KeyValue<String, OutcomeMinute> row = all.next();
        if (row.value.minute().isBefore(oldest)) {
          expired.add(row.key);
        }
      }
    }
    expired.forEach(minutes::delete);
  }
}
