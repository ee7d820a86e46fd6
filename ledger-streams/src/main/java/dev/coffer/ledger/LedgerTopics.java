package dev.coffer.ledger;

import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.WalletChange;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.topics.CofferTopics;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topics the ledger topology reads and writes. Keys are plain UTF-8 strings everywhere;
 * dead letters are raw bytes exactly as they arrived.
 *
 * @param events {@code coffer.ledger-events}, keyed by dedupe key (input)
 * @param sequence {@code coffer.ledger-sequence}, keyed by player key: written by dedupe, read by the
 *     fold (a replay of the fold reads it alone)
 * @param outcomes {@code coffer.ledger-outcomes}, keyed by player key
 * @param walletChanges {@code coffer.wallet-changes}, keyed by player key
 * @param inventoryChanges {@code coffer.inventory-changes}, keyed by player key
 * @param purchaseLog {@code coffer.purchase-log}, keyed by player key
 * @param deadLetters {@code coffer.ledger-dead-letters}: raw key and value bytes, reason in headers
 * @param purchaseIndex {@code coffer.purchase-index}, keyed {@code appId|<store>|<id>} (compacted)
 */
public record LedgerTopics(Topic<String, LedgerEvent> events,
                           Topic<String, SequencedEvent> sequence,
                           Topic<String, LedgerOutcome> outcomes,
                           Topic<String, WalletChange> walletChanges,
                           Topic<String, InventoryChange> inventoryChanges,
                           Topic<String, PurchaseLogEntry> purchaseLog,
                           Topic<byte[], byte[]> deadLetters,
                           Topic<String, PurchaseIndexEntry> purchaseIndex) {
  public LedgerTopics {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(walletChanges, "walletChanges");
    Objects.requireNonNull(inventoryChanges, "inventoryChanges");
    Objects.requireNonNull(purchaseLog, "purchaseLog");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(purchaseIndex, "purchaseIndex");
  }

  /** Makes the value serde of one Avro type (e.g. a registry-aware serde, or a plain one in tests). */
  @FunctionalInterface
  public interface ValueSerdes {
    /**
     * The value serde of {@code type}.
     *
     * @param type the generated Avro class
     * @param <T> the Avro type
     * @return a serde of values (not keys) of that type
     */
    <T extends SpecificRecord> Serde<T> forType(Class<T> type);
  }

  /**
   * Coffer's topic names from {@link CofferTopics}, string keys, and Avro values from {@code serdes}.
   *
   * @param serdes the value serde of each Avro type
   * @return the ledger's topics
   */
  public static LedgerTopics withValueSerdes(final ValueSerdes serdes) {
    return new LedgerTopics(
        new Topic<>(CofferTopics.LEDGER_EVENTS.name(), Serdes.String(), serdes.forType(LedgerEvent.class)),
        new Topic<>(CofferTopics.LEDGER_SEQUENCE.name(), Serdes.String(), serdes.forType(SequencedEvent.class)),
        new Topic<>(CofferTopics.LEDGER_OUTCOMES.name(), Serdes.String(), serdes.forType(LedgerOutcome.class)),
        new Topic<>(CofferTopics.WALLET_CHANGES.name(), Serdes.String(), serdes.forType(WalletChange.class)),
        new Topic<>(CofferTopics.INVENTORY_CHANGES.name(), Serdes.String(),
            serdes.forType(InventoryChange.class)),
        new Topic<>(CofferTopics.PURCHASE_LOG.name(), Serdes.String(), serdes.forType(PurchaseLogEntry.class)),
        new Topic<>(CofferTopics.LEDGER_DEAD_LETTERS.name(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(CofferTopics.PURCHASE_INDEX.name(), Serdes.String(), serdes.forType(PurchaseIndexEntry.class)));
  }

  /**
   * The same topics with another sequence topic, e.g. the live application's for a replay.
   *
   * @param name the sequence topic's name
   * @return a copy reading and writing {@code name} as the sequence topic
   */
  public LedgerTopics withSequence(final String name) {
    return new LedgerTopics(events, new Topic<>(name, sequence.keySerde(), sequence.valueSerde()), outcomes,
        walletChanges, inventoryChanges, purchaseLog, deadLetters, purchaseIndex);
  }

  /**
   * Coffer's topics with registry-framed Avro values ({@link AvroSerde}) that register their writer
   * schemas if missing.
   *
   * @param registry the schema registry
   * @return the ledger's topics
   */
  public static LedgerTopics withRegistry(final SchemaRegistry registry) {
    return withRegistry(registry, true);
  }

  /**
   * Coffer's topics with registry-framed Avro values ({@link AvroSerde}).
   *
   * @param registry the schema registry
   * @param autoRegister whether writers register their schema, or only look it up (subjects
   *     installed beforehand)
   * @return the ledger's topics
   */
  public static LedgerTopics withRegistry(final SchemaRegistry registry, final boolean autoRegister) {
    Objects.requireNonNull(registry, "registry");
    return withValueSerdes(new ValueSerdes() {
      @Override
      public <T extends SpecificRecord> Serde<T> forType(final Class<T> type) {
        return new AvroSerde<>(registry, type, false, autoRegister);
      }
    });
  }
}
