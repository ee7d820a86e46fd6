package dev.coffer.projections;

import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.webhooks.WebhookDeliveryRecord;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The ledger output topics the projections read, with their value serdes (keys are plain UTF-8
 * player keys). Only two are needed: every outcome carries the balances and instances it changed,
 * so the wallet and inventory change topics would repeat it (see {@link ProjectionTopology}).
 *
 * @param outcomes {@code coffer.ledger-outcomes}
 * @param outcomeSerde its value serde
 * @param purchaseLog {@code coffer.purchase-log}
 * @param purchaseLogSerde its value serde
 * @param webhookDeliveries {@code coffer.webhook-deliveries}: the webhooks sent, which the export lists
 * @param webhookDeliverySerde its value serde
 */
public record ProjectionTopics(String outcomes, Serde<LedgerOutcome> outcomeSerde, String purchaseLog,
                               Serde<PurchaseLogEntry> purchaseLogSerde, String webhookDeliveries,
                               Serde<WebhookDeliveryRecord> webhookDeliverySerde) {
  public ProjectionTopics {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(outcomeSerde, "outcomeSerde");
    Objects.requireNonNull(purchaseLog, "purchaseLog");
    Objects.requireNonNull(purchaseLogSerde, "purchaseLogSerde");
    Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
    Objects.requireNonNull(webhookDeliverySerde, "webhookDeliverySerde");
  }

  /**
   * The named topics with registry-framed Avro values. The projections only read, so their serdes
   * never register a schema.
   *
   * @param registry the schema registry
   * @param outcomes the outcome topic's name
   * @param purchaseLog the purchase-log topic's name
   * @param webhookDeliveries the webhook deliveries topic's name
   * @return the topics
   */
  public static ProjectionTopics withRegistry(final SchemaRegistry registry, final String outcomes,
                                              final String purchaseLog, final String webhookDeliveries) {
    return new ProjectionTopics(outcomes, new AvroSerde<>(registry, LedgerOutcome.class, false, false),
        purchaseLog, new AvroSerde<>(registry, PurchaseLogEntry.class, false, false), webhookDeliveries,
        new AvroSerde<>(registry, WebhookDeliveryRecord.class, false, false));
  }

  /** Coffer's own topic names with registry-framed Avro values. */
  public static ProjectionTopics coffer(final SchemaRegistry registry) {
    return withRegistry(registry, CofferTopics.LEDGER_OUTCOMES.name(), CofferTopics.PURCHASE_LOG.name(),
        CofferTopics.WEBHOOK_DELIVERIES.name());
  }
}
