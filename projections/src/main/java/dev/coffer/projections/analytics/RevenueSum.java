package dev.coffer.projections.analytics;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds each priced move (keyed by app) to its row {@code appId|day|store|currency}. */
final class RevenueSum implements Processor<String, RevenueMove, Void, Void> {
  private KeyValueStore<String, RevenueDay> revenue;

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    this.revenue = context.getStateStore(AnalyticsTopology.REVENUE);
  }

  @Override
  public void process(final Record<String, RevenueMove> record) {
    final RevenueMove move = record.value();
    if (move == null) {
      return;
    }
    final RevenueDay before = revenue.get(move.rowKey());
    revenue.put(move.rowKey(), (before == null ? RevenueDay.empty(move) : before).plus(move));
  }
}
