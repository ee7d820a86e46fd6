package dev.coffer.projections;

import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.webhooks.WebhookDeliveryRecord;
import dev.coffer.topics.Topic;
import dev.coffer.topics.TypedTopics;
import java.util.Objects;

/**
 * The topics the projections' topology reads (Coffer's typed topics, {@link TypedTopics}). The
 * wallet and inventory change topics are not among them: every outcome carries the balances and
 * instances it changed, so they would repeat it (see {@link ProjectionTopology}).
 *
 * @param outcomes {@code coffer.ledger-outcomes}
 * @param purchaseLog {@code coffer.purchase-log}
 * @param purchaseIndex {@code coffer.purchase-index}
 * @param webhookDeliveries {@code coffer.webhook-deliveries}: the webhooks sent, which the export lists
 *     (co-partitioned with the outcomes)
 */
public record ProjectionTopics(Topic<String, LedgerOutcome> outcomes, Topic<String, PurchaseLogEntry> purchaseLog,
                               Topic<String, PurchaseIndexEntry> purchaseIndex,
                               Topic<String, WebhookDeliveryRecord> webhookDeliveries) {
  public ProjectionTopics {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(purchaseLog, "purchaseLog");
    Objects.requireNonNull(purchaseIndex, "purchaseIndex");
    Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
  }

  /**
   * Coffer's topics under the names given, with registry-framed Avro values. The projections only read,
   * so their serdes never register a schema.
   *
   * @param registry the schema registry
   * @param outcomes the outcome topic's name
   * @param purchaseLog the purchase-log topic's name
   * @param autoRegister whether the writer of webhook deliveries registers its schema when missing
   * @param purchaseIndex the purchase-index topic's name
   * @param webhookDeliveries the webhook deliveries topic's name
   * @return the topics
   */
  public static ProjectionTopics withRegistry(final SchemaRegistry registry, final boolean autoRegister,
                                              final String outcomes, final String purchaseLog,
                                              final String purchaseIndex, final String webhookDeliveries) {
    final TypedTopics topics = TypedTopics.withRegistry(registry, autoRegister);
    return new ProjectionTopics(topics.ledgerOutcomes().named(outcomes), topics.purchaseLog().named(purchaseLog),
        topics.purchaseIndex().named(purchaseIndex), topics.webhookDeliveries().named(webhookDeliveries));
  }

  /** Coffer's own topics with registry-framed Avro values. */
  public static ProjectionTopics coffer(final SchemaRegistry registry) {
    final TypedTopics topics = TypedTopics.withRegistry(registry, false);
    return new ProjectionTopics(topics.ledgerOutcomes(), topics.purchaseLog(), topics.purchaseIndex(),
        topics.webhookDeliveries());
  }
}
