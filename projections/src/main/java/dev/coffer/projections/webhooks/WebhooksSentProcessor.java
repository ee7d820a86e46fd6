package dev.coffer.projections.webhooks;

import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.players.PlayerViews;
import dev.coffer.projections.store.PlayerRows;
import dev.coffer.schemas.webhooks.WebhookDeliveryRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the webhooks sent for each player ({@code coffer.webhook-deliveries}, keyed by player key) as rows
 * under the player, the latest {@value ProjectionStores#WEBHOOKS_KEPT} of them: what the export lists. An
 * erased player keeps none (the views processor drops the rows, and a late record is skipped).
 */
public final class WebhooksSentProcessor implements Processor<String, WebhookDeliveryRecord, Void, Void> {
  private KeyValueStore<String, PlayerViews> players;
  private KeyValueStore<String, WebhookSent> sent;

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    this.players = context.getStateStore(ProjectionStores.PLAYERS);
    this.sent = context.getStateStore(ProjectionStores.WEBHOOKS_SENT);
  }

  @Override
  public void process(final Record<String, WebhookDeliveryRecord> record) {
    final WebhookDeliveryRecord r = record.value();
    if (r == null) {
      return;
    }
    final String playerKey = r.getAppId() + "|" + r.getPlayerRef();
    final PlayerViews views = players.get(playerKey);
    if (views != null && views.status().erased()) {
      return;
    }
    // Ordered by time within the player: the oldest rows are the first of its range.
    sent.put(key(playerKey, r.getAt().toEpochMilli(), r.getDeliveryId()), new WebhookSent(r.getDeliveryId(),
        r.getType(), r.getEventId(), r.getVersion(), r.getResult().name(), r.getAttempts(), r.getAt()));
    final List<String> rows = new ArrayList<>();
    try (KeyValueIterator<String, WebhookSent> it = sent.range(PlayerRows.first(playerKey),
        PlayerRows.last(playerKey))) {
      it.forEachRemaining(kv -> rows.add(kv.key));
    }
    for (int i = 0; i < rows.size() - ProjectionStores.WEBHOOKS_KEPT; i++) {
      sent.delete(rows.get(i));
    }
  }

  /** The row of a sent webhook: {@code appId|playerRef|<at, 13 digits>|<deliveryId>}. */
  static String key(final String playerKey, final long atMillis, final String deliveryId) {
    return PlayerRows.key(playerKey, String.format(java.util.Locale.ROOT, "%013d", atMillis) + "|" + deliveryId);
  }
}
