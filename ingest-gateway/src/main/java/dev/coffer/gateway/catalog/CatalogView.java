package dev.coffer.gateway.catalog;

import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.catalog.CatalogRecord;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every app's catalog in memory: {@code coffer.catalog} read from the start to its end at start, then
 * followed. Writers wait for their own record to come back ({@link #awaitApplied}), so a write is
 * visible to the next request.
 */
public final class CatalogView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogView.class);

  private final ConcurrentMap<String, CatalogRecord> entries = new ConcurrentHashMap<>();
  private final TopicFollower<String, CatalogRecord> follower;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param registry the schema registry
   * @param topic {@code coffer.catalog}
   */
  public CatalogView(final Map<String, Object> clientConfig, final SchemaRegistry registry, final String topic) {
    this.follower = TopicFollower.avro(clientConfig, registry, CatalogRecord.class,
        new TopicFollower.Setup(topic, "coffer-gateway-catalog", "coffer-gateway-catalog", 50, LOG,
            "Catalog follower", "catalog", "catalog record", ""),
        this::apply);
  }

  /**
   * Reads the topic to its end as of now, then keeps following it.
   *
   * @param timeout bound of loading
   */
  public void start(final Duration timeout) {
    follower.loadThenFollow(timeout);
    LOG.info("Catalog loaded: {} entries", entries.size());
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been applied.
   *
   * @return whether it was within {@code timeout}
   */
  public boolean awaitApplied(final int partition, final long offset, final Duration timeout) {
    return follower.awaitApplied(partition, offset, timeout);
  }

  /** A product of an app. */
  public Optional<Product> product(final String appId, final String productId) {
    final CatalogRecord r = entries.get(CatalogKeys.product(appId, productId));
    return r != null && r.getEntry() instanceof Product p ? Optional.of(p) : Optional.empty();
  }

  /** An item of an app. */
  public Optional<Item> item(final String appId, final String itemId) {
    final CatalogRecord r = entries.get(CatalogKeys.item(appId, itemId));
    return r != null && r.getEntry() instanceof Item i ? Optional.of(i) : Optional.empty();
  }

  /**
   * Grants as an event carries them: each item checked against the app's catalog and its consumable
   * flag resolved from the catalog item (see {@link ItemGrants}). Every event's grants go through here.
   *
   * @param appId the app
   * @param grants the declared grants
   * @return the resolved grants
   * @throws dev.coffer.gateway.errors.ProblemException UNKNOWN_ITEM
   */
  public Grants resolve(final String appId, final Grants grants) {
    return ItemGrants.resolve(appId, grants, itemId -> item(appId, itemId), false);
  }

  /**
   * A server key's dynamic grants as an event carries them: items must be in the catalog, and are
   * consumable whatever the catalog says (dynamic items are always consumable).
   *
   * @param appId the app
   * @param grants the request's grants
   * @return the resolved grants
   * @throws dev.coffer.gateway.errors.ProblemException UNKNOWN_ITEM
   */
  public Grants resolveDynamic(final String appId, final Grants grants) {
    return ItemGrants.resolve(appId, grants, itemId -> item(appId, itemId), true);
  }

  /** Every product of an app, by id. */
  public List<Product> products(final String appId) {
    return entries.entrySet().stream().filter(e -> CatalogKeys.appId(e.getKey()).equals(appId))
        .map(e -> e.getValue().getEntry()).filter(Product.class::isInstance).map(Product.class::cast)
        .sorted(Comparator.comparing(Product::getProductId)).toList();
  }

  /** Every item of an app, by id. */
  public List<Item> items(final String appId) {
    return entries.entrySet().stream().filter(e -> CatalogKeys.appId(e.getKey()).equals(appId))
        .map(e -> e.getValue().getEntry()).filter(Item.class::isInstance).map(Item.class::cast)
        .sorted(Comparator.comparing(Item::getItemId)).toList();
  }

  /** Binds the follower's consumer metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    follower.bindMetrics(metrics);
  }

  /** Whether the follower runs. */
  public boolean healthy() {
    return follower.healthy();
  }

  private void apply(final ConsumerRecord<String, CatalogRecord> r) {
    // A null value is a tombstone: the entry was deleted.
    if (r.value() == null) {
      entries.remove(r.key());
    } else {
      entries.put(r.key(), r.value());
    }
  }

  @Override
  public void close() {
    follower.close();
  }
}
