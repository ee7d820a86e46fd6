package dev.coffer.projections;

import java.util.List;

/**
 * The names of the projections' state stores (also the names of their changelog topics, after the
 * application id). Every per-player store is keyed by player key {@code appId|playerRef} and lives
 * in one sub-topology, so one player's views are in one task, on one instance.
 */
public final class ProjectionStores {
  /**
   * {@code PlayerViews} by player key: version, erasure and wallet in one value, so an outcome costs one
   * changelog record here and a wallet read one store read (they were two stores before).
   */
  public static final String PLAYERS = "projections-players";
  /** Held {@code Instance}s, one row each: {@code appId|playerRef|<instanceId>} (see {@code PlayerRows}). */
  public static final String INVENTORIES = "projections-inventory-rows";
  /** {@code Purchase}s, one row per transaction: {@code appId|playerRef|<store>|<transactionId>}. */
  public static final String PURCHASES = "projections-purchase-rows";
  /** {@code Subscription}s, one row each: {@code appId|playerRef|<store>|<originalTransactionId>}. */
  public static final String SUBSCRIPTIONS = "projections-subscription-rows";
  /** {@code HistoryEntry} by {@code appId|playerRef|<version>} (see {@code HistoryKeys}). */
  public static final String HISTORY = "projections-history";
  /**
   * The eventIds of each player that its history does not name (outcomes not applied: rejections,
   * duplicates, replays, the erasure), {@code appId|playerRef|eventId} to {@code ""}. With the history's,
   * what erasure must remove from the event-outcome store, which is keyed by eventId on other partitions.
   */
  public static final String PLAYER_EVENTS = "projections-player-events";
  /**
   * The webhooks sent for each player ({@code WebhookSent}), one row each:
   * {@code appId|playerRef|<sent at, 13 digits>|<deliveryId>}, the latest {@value #WEBHOOKS_KEPT} per player.
   */
  public static final String WEBHOOKS_SENT = "projections-webhooks-sent";
  /** How many sent webhooks each player keeps for the export. */
  public static final int WEBHOOKS_KEPT = 100;
  /** Each event's {@code OutcomeJson} by eventId, behind the re-keying repartition topic. */
  public static final String EVENT_OUTCOMES = "projections-event-outcomes";

  /**
   * Which player each store purchase belongs to ({@code PurchaseIndexEntry} by
   * {@code appId|<store>|<store id>}): {@code coffer.purchase-index} materialised as a table whose
   * changelog is that compacted topic itself (no copy), for the gateway's store notifications.
   */
  public static final String PURCHASE_INDEX = "projections-purchase-index";

  /** The repartition topic that re-keys outcomes by eventId (created as {@code <app>-<name>-repartition}). */
  public static final String OUTCOMES_BY_EVENT = "projections-outcomes-by-event";

  private ProjectionStores() {
  }

  /** Every store name. */
  public static List<String> all() {
    return List.of(PLAYERS, INVENTORIES, PURCHASES, SUBSCRIPTIONS, HISTORY, PLAYER_EVENTS, WEBHOOKS_SENT,
        EVENT_OUTCOMES, PURCHASE_INDEX);
  }
}
