package dev.coffer.gateway.notifications;

import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.topics.Topic;
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
   * @param transactionId its transaction id
   * @param productId Coffer's product id
   * @param quantity how many units were bought
   */
  public record Purchase(String playerRef, String transactionId, String productId, long quantity) {
  }

  private final ConcurrentMap<String, Purchase> byId = new ConcurrentHashMap<>();
  private final TopicFollower<String, PurchaseLogEntry> follower;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param topic {@code coffer.purchase-log}
   */
  public PurchaseIndex(final Map<String, Object> clientConfig, final Topic<String, PurchaseLogEntry> topic) {
    this.follower = TopicFollower.of(clientConfig, topic,
        new TopicFollower.Setup(topic.name(), "coffer-gateway-purchases", "coffer-gateway-purchase-index", 100, LOG,
            "Purchase index", "purchase index", "purchase-log record",
            "store notifications answer UNKNOWN_PURCHASE for new purchases"),
        this::apply);
  }

  /** Reads the topic to its end as of now (bounded), then keeps following it. */
  public void start(final Duration timeout) {
    follower.loadThenFollow(timeout);
    LOG.info("Purchase index loaded: {} keys", byId.size());
  }

  /** The purchase of {@code transactionId} (or purchase token) in {@code store}, if recorded. */
  public Optional<Purchase> find(final String appId, final Store store, final String transactionIdOrToken) {
    return transactionIdOrToken == null ? Optional.empty()
        : Optional.ofNullable(byId.get(key(appId, store, transactionIdOrToken)));
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
