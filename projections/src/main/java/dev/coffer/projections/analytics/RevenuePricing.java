package dev.coffer.projections.analytics;

import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Prices each purchase-log entry (keyed by player key, so a purchase and its refunds meet in one task)
 * and sends it on keyed by app: a priced purchase is remembered by {@code appId|STORE|transactionId},
 * so that a refund, which names only the transaction and the units, is priced at what those units cost.
 */
final class RevenuePricing implements Processor<String, PurchaseLogEntry, String, RevenueMove> {
  private ProcessorContext<String, RevenueMove> context;
  private KeyValueStore<String, PurchasePrice> prices;

  @Override
  public void init(final ProcessorContext<String, RevenueMove> context) {
    this.context = context;
    this.prices = context.getStateStore(AnalyticsTopology.PURCHASE_PRICES);
  }

  @Override
  public void process(final Record<String, PurchaseLogEntry> record) {
    final PurchaseLogEntry entry = record.value();
    if (entry == null) {
      return;
    }
    final RevenueMove move = price(entry);
    context.forward(record.withKey(entry.getAppId()).withValue(move));
  }

  private RevenueMove price(final PurchaseLogEntry e) {
    final String day = LocalDate.ofInstant(e.getLoggedAt(), ZoneOffset.UTC).toString();
    final String store = e.getStore().name();
    final String priceKey = e.getAppId() + "|" + store + "|" + e.getMarketOrderId();
    final long units = e.getQuantity();
    if (e.getEntryType() == PurchaseLogEntryType.PURCHASE && !e.getReinstatement()) {
      if (e.getPrice() == null || e.getCurrency() == null || units < 1) {
        return new RevenueMove(e.getAppId(), day, store, null, RevenueMove.Kind.PURCHASE, units, null);
      }
      final BigDecimal price = e.getPrice();
      prices.put(priceKey, new PurchasePrice(price, e.getCurrency(), units));
      return new RevenueMove(e.getAppId(), day, store, e.getCurrency(), RevenueMove.Kind.PURCHASE, units, price);
    }
    final RevenueMove.Kind kind = e.getEntryType() == PurchaseLogEntryType.REVOCATION
        ? RevenueMove.Kind.REFUND : RevenueMove.Kind.REINSTATEMENT;
    final PurchasePrice paid = prices.get(priceKey);
    return paid == null
        ? new RevenueMove(e.getAppId(), day, store, null, kind, units, null)
        : new RevenueMove(e.getAppId(), day, store, paid.currency(), kind, units, paid.of(units));
  }
}
