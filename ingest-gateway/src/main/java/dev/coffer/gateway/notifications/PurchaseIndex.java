package dev.coffer.gateway.notifications;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.Store;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which player a store purchase belongs to, for store notifications (which name a transaction, never
 * a player): every applied purchase of {@code coffer.purchase-log}, read from the start and followed,
 * by {@code (appId, store, transactionId)} and {@code (appId, store, purchaseToken)}. Apple's first
 * transaction id is a subscription's {@code originalTransactionId}, so renewals find their player too.
 *
 * <p>Held in memory (about 200 bytes a purchase): fine for millions of purchases; beyond that the
 * index belongs in a compacted topic or a projections query.
 */
public final class PurchaseIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PurchaseIndex.class);

  /**
   * A recorded purchase.
   *
   * @param playerRef its player
   * @param transactionId its transaction's store ref
   * @param productId Coffer's product id
   * @param quantity how many units were bought
   */
  public record Purchase(String playerRef, String transactionId, String productId, long quantity) {
  }

  private final ConcurrentMap<String, Purchase> byId = new ConcurrentHashMap<>();
  private final TopicFollower<String, PurchaseLogEntry> follower;
  private final Apps apps;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param registry the schema registry
   * @param topic {@code coffer.purchase-log}
   * @param apps the apps (a store id is looked up by its store ref)
   */
  public PurchaseIndex(final Map<String, Object> clientConfig, final SchemaRegistry registry, final String topic,
                       final Apps apps) {
    this.apps = apps;
    this.follower = TopicFollower.avro(clientConfig, registry, PurchaseLogEntry.class,
        new TopicFollower.Setup(topic, "coffer-gateway-purchases", "coffer-gateway-purchase-index", 100, LOG,
            "Purchase index", "purchase index", "purchase-log record",
            "store notifications answer UNKNOWN_PURCHASE for new purchases"),
        this::apply);
  }

  /** Reads the topic to its end as of now (bounded), then keeps following it. */
  public void start(final Duration timeout) {
    follower.loadThenFollow(timeout);
    LOG.info("Purchase index loaded: {} keys", byId.size());
  }

  /**
   * The purchase of {@code transactionId} (or purchase token) in {@code store}, if recorded. The purchase log
   * names purchases by store ref, so the id is looked up by its ref; the purchase found names its
   * transaction by ref too.
   */
  public Optional<Purchase> find(final String appId, final Store store, final String transactionIdOrToken) {
    final Optional<App> app = apps.find(appId);
    return transactionIdOrToken == null || app.isEmpty() ? Optional.empty()
        : Optional.ofNullable(byId.get(key(appId, store, app.get().pseudonyms().storeRef(store, transactionIdOrToken))));
  }

  /** Binds the follower's consumer metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    follower.bindMetrics(metrics);
  }

  /** Whether the follower runs. */
  public boolean healthy() {
    return follower.healthy();
  }

  private static String key(final String appId, final Store store, final String id) {
    return appId + "|" + store.name() + "|" + id;
  }

  private void apply(final ConsumerRecord<String, PurchaseLogEntry> r) {
    final PurchaseLogEntry e = r.value();
    if (e != null && e.getEntryType() == PurchaseLogEntryType.PURCHASE) {
      final Purchase purchase = new Purchase(e.getPlayerRef(), e.getMarketOrderId(), e.getProductId(), e.getQuantity());
      byId.putIfAbsent(key(e.getAppId(), e.getStore(), e.getMarketOrderId()), purchase);
      if (e.getPurchaseToken() != null) {
        byId.putIfAbsent(key(e.getAppId(), e.getStore(), e.getPurchaseToken()), purchase);
      }
    }
  }

  @Override
  public void close() {
    follower.close();
  }
}
