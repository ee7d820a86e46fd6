package dev.coffer.projections.players;

import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.history.HistoryKeys;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.inventory.InstanceMove;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.outcomes.OutcomeRecords;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.Subscription;
import dev.coffer.projections.store.PlayerRows;
import dev.coffer.projections.webhooks.WebhookSent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.service.outcome.OutcomeJson;
import dev.coffer.projections.query.LiveStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Folds each outcome (keyed by player key) into the player's views with {@link PlayerFold}, writes
 * them, and forwards the outcome's JSON ({@link OutcomeJson}, what {@code GET /events/{eventId}} answers)
 * re-keyed by eventId (or, on erasure, a tombstone for each of the
 * player's earlier eventIds) for the event-outcome store. The status is written last, so a reader
 * that sees version N also sees every view at N.
 */
public final class PlayerViewsProcessor implements Processor<String, LedgerOutcome, String, OutcomeJson> {
  private static final StringSerializer KEYS = new StringSerializer();

  private final ViewListener listener;
  private final LiveStores liveStores;
  private final RecentViews recent;
  private Map<String, ReadOnlyKeyValueStore<String, ?>> served = Map.of();
  private int partition;
  private ProcessorContext<String, OutcomeJson> context;
  private KeyValueStore<String, PlayerViews> players;
  private KeyValueStore<String, Instance> inventory;
  private KeyValueStore<String, Purchase> purchases;
  private KeyValueStore<String, Subscription> subscriptions;
  private KeyValueStore<String, HistoryEntry> history;
  private KeyValueStore<String, String> playerEvents;
  private KeyValueStore<String, WebhookSent> webhooksSent;

  /**
   * A processor telling {@code listener} of every write, and {@code liveStores} while its task's views are
   * readable; each player's views it writes are also kept in {@code recent}.
   */
  public PlayerViewsProcessor(final ViewListener listener, final LiveStores liveStores, final RecentViews recent) {
    this.listener = listener;
    this.liveStores = liveStores;
    this.recent = recent;
  }

  @Override
  public void init(final ProcessorContext<String, OutcomeJson> context) {
    this.context = context;
    this.players = context.getStateStore(ProjectionStores.PLAYERS);
    this.inventory = context.getStateStore(ProjectionStores.INVENTORIES);
    this.purchases = context.getStateStore(ProjectionStores.PURCHASES);
    this.subscriptions = context.getStateStore(ProjectionStores.SUBSCRIPTIONS);
    this.history = context.getStateStore(ProjectionStores.HISTORY);
    this.playerEvents = context.getStateStore(ProjectionStores.PLAYER_EVENTS);
    this.webhooksSent = context.getStateStore(ProjectionStores.WEBHOOKS_SENT);
    this.partition = context.taskId().partition();
    this.served = Map.of(ProjectionStores.PLAYERS, players, ProjectionStores.INVENTORIES, inventory,
        ProjectionStores.PURCHASES, purchases,
        ProjectionStores.SUBSCRIPTIONS, subscriptions, ProjectionStores.HISTORY, history,
        ProjectionStores.WEBHOOKS_SENT, webhooksSent);
    recent.forget(partition);
    liveStores.opened(partition, served);
  }

  @Override
  public void close() {
    liveStores.closed(partition, served);
    recent.forget(partition);
  }

  @Override
  public void process(final Record<String, LedgerOutcome> record) {
    if (record.value() == null) {
      return;
    }
    final EventOutcome outcome = OutcomeRecords.outcome(record.value());
    // The value names the player; the key is the same by the ledger's contract, but trust the value.
    final String playerKey = outcome.playerKey();
    final PlayerViews before = orElse(players.get(playerKey), PlayerViews.NEW);
    final PlayerFold.Step step = PlayerFold.apply(before, outcome);
    // An applied outcome's eventId is in its history entry; only the others need a row of their own.
    if (!before.status().erased() && step.effect() != PlayerFold.Effect.APPLIED) {
      playerEvents.put(playerEventKey(playerKey, outcome.eventId()), "");
    }
    switch (step.effect()) {
      case APPLIED -> write(playerKey, step, outcome);
      case ERASED -> erase(playerKey, outcome, step.views(), record);
      case UNCHANGED -> {}
    }
    context.forward(record.withKey(outcome.eventId()).withValue(OutcomeJson.of(record.value())));
    listener.viewsWritten(playerKey, step.views().status(), outcome);
  }

  private void write(final String playerKey, final PlayerFold.Step step, final EventOutcome outcome) {
    final PlayerViews after = step.views();
    // Each move carries the whole instance after it, so writing it again (a replay) changes nothing.
    for (final InstanceMove move : outcome.instances()) {
      final Instance instance = move.instance();
      final String row = PlayerRows.key(playerKey, instance.instanceId());
      if (instance.held()) {
        inventory.put(row, instance);
      } else {
        inventory.delete(row);
      }
      if (instance.subscription()) {
        subscriptions.put(PlayerRows.key(playerKey, Subscription.rowId(instance.store(),
            instance.originalTransactionId())), Subscription.of(instance, outcome.version()));
      }
    }
    history.put(HistoryKeys.key(playerKey, step.entry().version()), step.entry());
    players.put(playerKey, after);
    recent.written(partition, playerKey, after);
  }

  private void erase(final String playerKey, final EventOutcome erasure, final PlayerViews erased,
                     final Record<String, LedgerOutcome> record) {
    final String eventsPrefix = playerEventKey(playerKey, "");
    final List<String> eventKeys = new ArrayList<>();
    try (KeyValueIterator<String, String> it = playerEvents.prefixScan(eventsPrefix, KEYS)) {
      it.forEachRemaining(kv -> eventKeys.add(kv.key));
    }
    for (final String key : eventKeys) {
      playerEvents.delete(key);
      final String eventId = key.substring(eventsPrefix.length());
      // The erasure's own outcome stays: the caller of the erasure may still poll it.
      if (!eventId.equals(erasure.eventId())) {
        context.forward(record.withKey(eventId).withValue((OutcomeJson) null));
      }
    }
    final List<KeyValue<String, HistoryEntry>> entries = new ArrayList<>();
    try (KeyValueIterator<String, HistoryEntry> it = history.range(HistoryKeys.first(playerKey),
        HistoryKeys.last(playerKey))) {
      it.forEachRemaining(entries::add);
    }
    for (final KeyValue<String, HistoryEntry> entry : entries) {
      history.delete(entry.key);
      // Applied events have no player-events row: their eventIds are the history's.
      context.forward(record.withKey(entry.value.eventId()).withValue((OutcomeJson) null));
    }
    deleteRows(inventory, playerKey);
    deleteRows(purchases, playerKey);
    deleteRows(subscriptions, playerKey);
    deleteRows(webhooksSent, playerKey);
    players.put(playerKey, erased);
    recent.written(partition, playerKey, erased);
  }

  private static <V> void deleteRows(final KeyValueStore<String, V> store, final String playerKey) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.range(PlayerRows.first(playerKey), PlayerRows.last(playerKey))) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(store::delete);
  }

  /** The key of one of a player's eventIds: {@code appId|playerRef|eventId}. */
  static String playerEventKey(final String playerKey, final String eventId) {
    return playerKey + "|" + eventId;
  }

  private static <T> T orElse(final T value, final T fallback) {
    return value != null ? value : fallback;
  }
}
