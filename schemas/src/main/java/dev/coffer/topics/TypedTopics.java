package dev.coffer.topics;

import dev.coffer.registry.SchemaRegistry;
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
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Coffer's typed topics, defined once for every service: each topic's name and value type from
 * {@link CofferTopics}, its keys as plain UTF-8 strings (see {@link CofferTopics} for why), its values
 * through the given {@link ValueSerdes}. The ledger, the gateway and projections all take their topics
 * from here.
 */
public final class TypedTopics {
  private final ValueSerdes serdes;

  /**
   * Coffer's topics with values through {@code serdes}.
   *
   * @param serdes the value serde of each Avro type
   */
  public TypedTopics(final ValueSerdes serdes) {
    this.serdes = Objects.requireNonNull(serdes, "serdes");
  }

  /**
   * Coffer's topics with registry-framed Avro values.
   *
   * @param registry the schema registry
   * @param autoRegister whether writers register their schema if missing (see {@link ValueSerdes#registry})
   * @return the topics
   */
  public static TypedTopics withRegistry(final SchemaRegistry registry, final boolean autoRegister) {
    return new TypedTopics(ValueSerdes.registry(registry, autoRegister));
  }

  /** {@code coffer.ledger-events}: submitted events, keyed by dedupe key. */
  public Topic<String, LedgerEvent> ledgerEvents() {
    return avro(CofferTopics.LEDGER_EVENTS, LedgerEvent.class);
  }

  /** {@code coffer.ledger-sequence}: judged events in the fold's order, keyed by player key. */
  public Topic<String, SequencedEvent> ledgerSequence() {
    return avro(CofferTopics.LEDGER_SEQUENCE, SequencedEvent.class);
  }

  /** {@code coffer.ledger-outcomes}: one outcome per event, keyed by player key. */
  public Topic<String, LedgerOutcome> ledgerOutcomes() {
    return avro(CofferTopics.LEDGER_OUTCOMES, LedgerOutcome.class);
  }

  /** {@code coffer.wallet-changes}, keyed by player key. */
  public Topic<String, WalletChange> walletChanges() {
    return avro(CofferTopics.WALLET_CHANGES, WalletChange.class);
  }

  /** {@code coffer.inventory-changes}, keyed by player key. */
  public Topic<String, InventoryChange> inventoryChanges() {
    return avro(CofferTopics.INVENTORY_CHANGES, InventoryChange.class);
  }

  /** {@code coffer.purchase-log}, keyed by player key. */
  public Topic<String, PurchaseLogEntry> purchaseLog() {
    return avro(CofferTopics.PURCHASE_LOG, PurchaseLogEntry.class);
  }

  /**
   * {@code coffer.purchase-index}: every applied purchase under each id its store names it by, keyed
   * {@code appId|STORE|id}; compacted, never expires.
   */
  public Topic<String, PurchaseIndexEntry> purchaseIndex() {
    return avro(CofferTopics.PURCHASE_INDEX, PurchaseIndexEntry.class);
  }

  /** {@code coffer.catalog}: every app's catalog, keyed {@code appId|product|id} or {@code appId|item|id}. */
  public Topic<String, CatalogRecord> catalog() {
    return avro(CofferTopics.CATALOG, CatalogRecord.class);
  }

  /**
   * {@code coffer.player-keys}: per-player data keys, keyed by player key, written by the ledger's directory
   * stage; projections write the tombstone that destroys an erased player's key.
   */
  public Topic<String, PlayerDataKey> playerKeys() {
    return avro(CofferTopics.PLAYER_KEYS, PlayerDataKey.class);
  }

  /** {@code coffer.player-directory-requests}: questions to the player directory, keyed {@code appId|lookup}. */
  public Topic<String, DirectoryRequest> playerDirectoryRequests() {
    return avro(CofferTopics.PLAYER_DIRECTORY_REQUESTS, DirectoryRequest.class);
  }

  /** {@code coffer.player-directory}: the player directory (and its answers), keyed {@code appId|lookup}. */
  public Topic<String, DirectoryEntry> playerDirectory() {
    return avro(CofferTopics.PLAYER_DIRECTORY, DirectoryEntry.class);
  }

  /** {@code coffer.webhook-deliveries}: the webhooks projections sent, keyed by player key. */
  public Topic<String, WebhookDeliveryRecord> webhookDeliveries() {
    return avro(CofferTopics.WEBHOOK_DELIVERIES, WebhookDeliveryRecord.class);
  }

  /** {@code coffer.ledger-dead-letters}: the bytes the ledger could not take, exactly as they arrived. */
  public Topic<byte[], byte[]> ledgerDeadLetters() {
    return new Topic<>(CofferTopics.LEDGER_DEAD_LETTERS.name(), Serdes.ByteArray(), Serdes.ByteArray());
  }

  /** {@code coffer.projections-webhook-dead-letters}: undeliverable webhooks' JSON bodies, keyed by player key. */
  public Topic<String, byte[]> webhookDeadLetters() {
    return new Topic<>(CofferTopics.WEBHOOK_DEAD_LETTERS.name(), Serdes.String(), Serdes.ByteArray());
  }

  private <V extends SpecificRecord> Topic<String, V> avro(final TopicSpec spec, final Class<V> type) {
    if (spec.valueType() != type) {
      throw new IllegalStateException("topic " + spec.name() + " carries " + spec.valueType() + ", not " + type);
    }
    return new Topic<>(spec.name(), Serdes.String(), serdes.forType(type));
  }
}
