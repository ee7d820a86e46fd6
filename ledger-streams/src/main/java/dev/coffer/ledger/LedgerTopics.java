package dev.coffer.ledger;

import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.WalletChange;
import dev.coffer.topics.Topic;
import dev.coffer.topics.TypedTopics;
import dev.coffer.topics.ValueSerdes;
import java.util.List;
import java.util.Objects;

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
 * @param purchaseIndex {@code coffer.purchase-index}: each applied purchase under every id its store
 *     names it by (compacted)
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

  /**
   * Coffer's topics ({@link TypedTopics}) that the ledger reads and writes.
   *
   * @param topics Coffer's typed topics
   * @return the ledger's topics
   */
  public static LedgerTopics of(final TypedTopics topics) {
    return new LedgerTopics(topics.ledgerEvents(), topics.ledgerSequence(), topics.ledgerOutcomes(),
        topics.walletChanges(), topics.inventoryChanges(), topics.purchaseLog(), topics.ledgerDeadLetters(),
        topics.purchaseIndex());
  }

  /**
   * Coffer's topics with values from {@code serdes} (e.g. a plain registry in tests).
   *
   * @param serdes the value serde of each Avro type
   * @return the ledger's topics
   */
  public static LedgerTopics withValueSerdes(final ValueSerdes serdes) {
    return of(new TypedTopics(serdes));
  }

  /**
   * The same serdes on other topics: a test's or a benchmark's own copies of Coffer's topics.
   *
   * @return a copy reading and writing the topics named
   */
  public LedgerTopics named(final String eventsName, final String sequenceName, final String outcomesName,
                            final String walletChangesName, final String inventoryChangesName,
                            final String purchaseLogName, final String deadLettersName,
                            final String purchaseIndexName) {
    return new LedgerTopics(events.named(eventsName), sequence.named(sequenceName), outcomes.named(outcomesName),
        walletChanges.named(walletChangesName), inventoryChanges.named(inventoryChangesName),
        purchaseLog.named(purchaseLogName), deadLetters.named(deadLettersName),
        purchaseIndex.named(purchaseIndexName));
  }

  /** The topics the ledger writes (the sequence, for judged receipts, and every output). */
  public List<Topic<?, ?>> written() {
    return List.of(sequence, outcomes, walletChanges, inventoryChanges, purchaseLog, deadLetters, purchaseIndex);
  }

  /**
   * The same topics with another sequence topic, e.g. the live application's for a replay.
   *
   * @param name the sequence topic's name
   * @return a copy reading and writing {@code name} as the sequence topic
   */
  public LedgerTopics withSequence(final String name) {
    return new LedgerTopics(events, sequence.named(name), outcomes,
        walletChanges, inventoryChanges, purchaseLog, deadLetters, purchaseIndex);
  }

  /**
   * Coffer's topics with registry-framed Avro values ({@code AvroSerde}) that register their writer
   * schemas if missing.
   *
   * @param registry the schema registry
   * @return the ledger's topics
   */
  public static LedgerTopics withRegistry(final SchemaRegistry registry) {
    return withRegistry(registry, true);
  }

  /**
   * Coffer's topics with registry-framed Avro values ({@code AvroSerde}).
   *
   * @param registry the schema registry
   * @param autoRegister whether writers register their schema, or only look it up (subjects
   *     installed beforehand)
   * @return the ledger's topics
   */
  public static LedgerTopics withRegistry(final SchemaRegistry registry, final boolean autoRegister) {
    return of(TypedTopics.withRegistry(registry, autoRegister));
  }
}
