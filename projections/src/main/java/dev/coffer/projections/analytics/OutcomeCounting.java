package dev.coffer.projections.analytics;

import dev.coffer.schemas.outcome.LedgerOutcome;
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
 * Counts the outcomes of one partition (keyed by player) per app and minute, and every
 * {@code flush} sends the partial counts on, keyed by app, and forgets them. Counting here first
 * keeps the re-keying topic to a few records per app and second, not one per event; the partials are
 * in a logged store, so under exactly-once a crash loses nothing and sends nothing twice. Outcomes of
 * events older than the retention are not counted.
 */
final class OutcomeCounting implements Processor<String, LedgerOutcome, String, OutcomeMinute> {
  private final Duration retention;
  private final Duration flush;
  private final Clock clock;
  private ProcessorContext<String, OutcomeMinute> context;
  private KeyValueStore<String, OutcomeMinute> partials;

  OutcomeCounting(final Duration retention, final Duration flush, final Clock clock) {
    this.retention = retention;
    this.flush = flush;
    this.clock = clock;
  }

  @Override
  public void init(final ProcessorContext<String, OutcomeMinute> context) {
    this.context = context;
    this.partials = context.getStateStore(AnalyticsTopology.OUTCOME_PARTIALS);
    context.schedule(flush, PunctuationType.WALL_CLOCK_TIME, this::send);
  }

  @Override
  public void process(final Record<String, LedgerOutcome> record) {
    final LedgerOutcome o = record.value();
    if (o == null) {
      return;
    }
    final Instant minute = OutcomeMinute.minuteOf(o.getOccurredAt());
    if (minute.isBefore(clock.instant().minus(retention))) {
      return;
    }
    final String key = OutcomeMinute.key(o.getAppId(), minute);
    final OutcomeMinute before = partials.get(key);
    // The reason's text, not the typed symbol: it also names a reason added after this build.
    partials.put(key, (before == null ? OutcomeMinute.empty(o.getAppId(), minute) : before)
        .with(o.getStatus().name(), o.getReason()));
  }

  private void send(final long timestamp) {
    final List<KeyValue<String, OutcomeMinute>> counted = new ArrayList<>();
    try (KeyValueIterator<String, OutcomeMinute> all = partials.all()) {
      all.forEachRemaining(counted::add);
    }
    for (final KeyValue<String, OutcomeMinute> partial : counted) {
      context.forward(new Record<>(partial.value.appId(), partial.value, timestamp));
      partials.delete(partial.key);
    }
  }
}
