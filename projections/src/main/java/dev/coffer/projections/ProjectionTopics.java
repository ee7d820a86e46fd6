package dev.coffer.projections;

import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.Topic;
import dev.coffer.topics.TypedTopics;
import java.util.Objects;

/**
 * The ledger output topics the projections read (Coffer's typed topics, {@link TypedTopics}). Only two
 * are needed: every outcome carries the balances and instances it changed, so the wallet and inventory
 * change topics would repeat it (see {@link ProjectionTopology}).
 *
 * @param outcomes {@code coffer.ledger-outcomes}
 * @param purchaseLog {@code coffer.purchase-log}
 */
public record ProjectionTopics(Topic<String, LedgerOutcome> outcomes, Topic<String, PurchaseLogEntry> purchaseLog) {
  public ProjectionTopics {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(purchaseLog, "purchaseLog");
  }

  /**
   * Coffer's topics under the names given, with registry-framed Avro values. The projections only read,
   * so their serdes never register a schema.
   *
   * @param registry the schema registry
   * @param outcomes the outcome topic's name
   * @param purchaseLog the purchase-log topic's name
   * @return the topics
   */
  public static ProjectionTopics withRegistry(final SchemaRegistry registry, final String outcomes,
                                              final String purchaseLog) {
    final TypedTopics topics = TypedTopics.withRegistry(registry, false);
    return new ProjectionTopics(topics.ledgerOutcomes().named(outcomes), topics.purchaseLog().named(purchaseLog));
  }

  /** Coffer's own topics with registry-framed Avro values. */
  public static ProjectionTopics coffer(final SchemaRegistry registry) {
    final TypedTopics topics = TypedTopics.withRegistry(registry, false);
    return new ProjectionTopics(topics.ledgerOutcomes(), topics.purchaseLog());
  }
}
