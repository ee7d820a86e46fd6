package dev.coffer.projections.purchases;

import dev.coffer.keys.PlayerKey;
import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.outcomes.OutcomeRecords;
import dev.coffer.projections.players.PlayerViews;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.projections.store.PlayerRows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each purchase-log entry (keyed by player key) into the row of its transaction in the player's
 * purchases, unless the player was erased. Shares the per-player stores with the outcome fold, so it runs in the same task.
 */
public final class PurchaseLogProcessor implements Processor<String, PurchaseLogEntry, Void, Void> {
  private KeyValueStore<String, PlayerViews> players;
  private KeyValueStore<String, Purchase> purchases;

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    this.players = context.getStateStore(ProjectionStores.PLAYERS);
    this.purchases = context.getStateStore(ProjectionStores.PURCHASES);
  }

  @Override
  public void process(final Record<String, PurchaseLogEntry> record) {
    if (record.value() == null) {
      return;
    }
    final String playerKey = PlayerKey.of(record.value().getAppId(), record.value().getPlayerRef());
    final PlayerViews views = players.get(playerKey);
    if (views != null && views.status().erased()) {
      return;
    }
    final PurchaseLogRecord entry = OutcomeRecords.purchaseLog(record.value());
    final String key = PlayerRows.key(playerKey, Purchase.rowId(entry.store(), entry.marketOrderId()));
    purchases.put(key, Purchase.with(purchases.get(key), entry));
  }
}
