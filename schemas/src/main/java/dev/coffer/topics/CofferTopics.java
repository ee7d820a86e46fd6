package dev.coffer.topics;

import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.catalog.CatalogRecord;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.privacy.PlayerDataKey;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.WalletChange;
import dev.coffer.schemas.webhooks.WebhookDeliveryRecord;
import dev.coffer.topics.TopicSpec.Compatibility;
import java.util.List;
import java.util.Map;

/**
 * Every topic Coffer owns, in one place: the local stack, the tests and the Kubernetes manifests
 * are all checked against this list.
 *
 * <p>Keys are plain UTF-8 strings, not registry-framed Avro: a key's bytes decide its partition,
 * and a registry that hands out a different schema id (a new environment, a restored registry)
 * must never move a player to another partition and break the per-player order.
 */
public final class CofferTopics {
  /** Kept forever. */
  private static final String FOREVER = "-1";
  private static final long HOUR_MS = 60L * 60 * 1000;
  private static final long DAY_MS = 24 * HOUR_MS;
  /**
   * The settings of a compacted topic that holds what erasure must remove (refs of external ids, data
   * keys): segments roll hourly and become compactable at most a day after they were written, so an
   * overwritten value (a data key, an ACTIVE directory entry) is gone from the log within about a day of
   * its ERASED marker or tombstone, which itself stays a day for readers that lag.
   */
  private static final Map<String, String> ERASABLE_TABLE = Map.of("cleanup.policy", "compact",
      "segment.ms", Long.toString(HOUR_MS), "max.compaction.lag.ms", Long.toString(DAY_MS),
      "delete.retention.ms", Long.toString(DAY_MS));

  /** Submitted facts, keyed by dedupe key. The log every state is replayed from: kept forever. */
  public static final TopicSpec LEDGER_EVENTS = new TopicSpec("coffer.ledger-events", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER), LedgerEvent.class,
      Compatibility.BACKWARD_TRANSITIVE);

  /**
   * Every judged event (dedupe's verdict and the event) in the order the ledger's fold applied it,
   * keyed by player key. Kept forever: the fold's state is a pure function of this log.
   *
   * <p>Why it exists: {@code coffer.ledger-events} is keyed by dedupe key, so one player's events
   * sit in several partitions, and the order in which the fold sees them is decided by timing, not
   * by the log; replaying the events topic can apply a spend before the grant it depended on. This
   * topic is that order, made durable: the ledger writes and reads it in the same exactly-once
   * application, and a replay of the fold reads it from the start.
   */
  public static final TopicSpec LEDGER_SEQUENCE = new TopicSpec("coffer.ledger-sequence", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER), SequencedEvent.class,
      Compatibility.BACKWARD_TRANSITIVE);

  /** One outcome per submitted event, keyed by player key. Kept forever: read models rebuild from it. */
  public static final TopicSpec LEDGER_OUTCOMES = new TopicSpec("coffer.ledger-outcomes", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER), LedgerOutcome.class,
      Compatibility.FULL_TRANSITIVE);

  /** Wallet changes, keyed by player key. Kept forever: the history view rebuilds from it. */
  public static final TopicSpec WALLET_CHANGES = new TopicSpec("coffer.wallet-changes", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER), WalletChange.class,
      Compatibility.FULL_TRANSITIVE);

  /** Inventory changes, keyed by player key. Kept forever: the history view rebuilds from it. */
  public static final TopicSpec INVENTORY_CHANGES = new TopicSpec("coffer.inventory-changes", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER), InventoryChange.class,
      Compatibility.FULL_TRANSITIVE);

  /** Applied purchases and revocations for analytics, keyed by player key: five years. */
  public static final TopicSpec PURCHASE_LOG = new TopicSpec("coffer.purchase-log", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(5 * 365 * DAY_MS)),
      PurchaseLogEntry.class, Compatibility.FULL_TRANSITIVE);

  /**
   * Which player a store purchase belongs to, by each of the store's ids for it (keyed
   * {@code appId|<store>|<id>}): compacted and never expiring, so a refund or renewal of a purchase made
   * years ago still finds its player after the purchase log's retention dropped the purchase.
   */
  public static final TopicSpec PURCHASE_INDEX = new TopicSpec("coffer.purchase-index", 6,
      Map.of("cleanup.policy", "compact"), PurchaseIndexEntry.class, Compatibility.BACKWARD_TRANSITIVE);

  /** Each app's catalog, keyed appId|product|id or appId|item|id: a compacted table. */
  public static final TopicSpec CATALOG = new TopicSpec("coffer.catalog", 1,
      Map.of("cleanup.policy", "compact"), CatalogRecord.class,
      Compatibility.BACKWARD_TRANSITIVE);

  /**
   * Per-player data keys, keyed by player key: written by the ledger's directory stage (on creation, and
   * marked erased on erasure), tombstoned by projections after the player.deleted webhook. Compacted
   * within a day ({@link #ERASABLE_TABLE}), so the destroyed key leaves the log.
   */
  public static final TopicSpec PLAYER_KEYS = new TopicSpec("coffer.player-keys", 6, ERASABLE_TABLE,
      PlayerDataKey.class, Compatibility.FULL_TRANSITIVE);

  /**
   * Questions to the player directory (resolve, create, erase a lookup), keyed {@code appId|lookup}.
   * Kept one day: the directory's answers are the durable record, the requests only carry them.
   */
  public static final TopicSpec PLAYER_DIRECTORY_REQUESTS = new TopicSpec("coffer.player-directory-requests", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(DAY_MS), "segment.ms",
          Long.toString(HOUR_MS)), DirectoryRequest.class, Compatibility.BACKWARD_TRANSITIVE);

  /**
   * The player directory, keyed {@code appId|lookup} (a keyed hash of the external player id): which
   * random ref and data key a player has, or an ERASED marker. Written only by the ledger's directory
   * stage; every record also answers one request. Compacted within a day ({@link #ERASABLE_TABLE}), so
   * an erased player's ref leaves the log.
   */
  public static final TopicSpec PLAYER_DIRECTORY = new TopicSpec("coffer.player-directory", 6, ERASABLE_TABLE,
      DirectoryEntry.class, Compatibility.BACKWARD_TRANSITIVE);

  /**
   * The webhooks projections delivered or parked, one record each, keyed by player key: what the GDPR
   * export lists as "webhooks sent". Kept 90 days.
   */
  public static final TopicSpec WEBHOOK_DELIVERIES = new TopicSpec("coffer.webhook-deliveries", 6,
      Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(90 * DAY_MS)), WebhookDeliveryRecord.class,
      Compatibility.BACKWARD_TRANSITIVE);

  /**
   * Ledger records that could not be decoded or break a rule of the format, as raw bytes with the
   * reason in headers (see the ledger's dead-letter handling). Kept 90 days for inspection.
   */
  public static final TopicSpec LEDGER_DEAD_LETTERS = new TopicSpec("coffer.ledger-dead-letters", 1,
      Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(90 * DAY_MS)));

  /**
   * Webhooks projections could not deliver after every retry: the JSON body as sent, with delivery id,
   * type, URL, attempts and last error in headers. Kept 30 days.
   */
  public static final TopicSpec WEBHOOK_DEAD_LETTERS = new TopicSpec(
      "coffer.projections-webhook-dead-letters", 1,
      Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(30 * DAY_MS)));

  private static final List<TopicSpec> ALL = List.of(LEDGER_EVENTS, LEDGER_SEQUENCE, LEDGER_OUTCOMES, WALLET_CHANGES,
      INVENTORY_CHANGES, PURCHASE_LOG, PURCHASE_INDEX, CATALOG, PLAYER_KEYS, PLAYER_DIRECTORY_REQUESTS,
      PLAYER_DIRECTORY,
      WEBHOOK_DELIVERIES, LEDGER_DEAD_LETTERS, WEBHOOK_DEAD_LETTERS);

  private CofferTopics() {
  }

  /** Every topic Coffer owns. */
  public static List<TopicSpec> all() {
    return ALL;
  }
}
