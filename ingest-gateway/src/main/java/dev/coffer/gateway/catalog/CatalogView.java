package dev.coffer.gateway.catalog;

import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.schemas.catalog.CatalogRecord;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every app's catalog in memory: {@code coffer.catalog} read from the start to its end at start, then
 * followed. Writers wait for their own record to come back ({@link #awaitApplied}), so a write is
 * visible to the next request.
 *
 * <p>Products are also indexed by store product id (SKU): a receipt names a SKU, and
 * {@link #productForStoreId} resolves it to the one product that has it (see {@link StoreSkus}).
 */
public final class CatalogView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogView.class);

  private final ConcurrentMap<String, CatalogRecord> entries = new ConcurrentHashMap<>();
  /** {@code appId|store|sku} to the ids of the products that have it (more than one only by a defect). */
  private final ConcurrentMap<String, Set<String>> bySku = new ConcurrentHashMap<>();
  private final TopicFollower<String, CatalogRecord> follower;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param topic {@code coffer.catalog}
   */
  public CatalogView(final Map<String, Object> clientConfig, final Topic<String, CatalogRecord> topic) {
    this.follower = TopicFollower.of(clientConfig, topic,
        new TopicFollower.Setup(topic.name(), "coffer-gateway-catalog", "coffer-gateway-catalog", 50, LOG,
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

  /**
   * The catalog product that has {@code storeProductId} for {@code store}: what a receipt buys.
   *
   * @param appId the app
   * @param store the receipt's store
   * @param storeProductId the SKU the receipt names
   * @return the product, empty if no product has the SKU
   * @throws ProblemException 422 {@code AMBIGUOUS_STORE_PRODUCT} if several do (never picks one)
   */
  public Optional<Product> productForStoreId(final String appId, final Store store, final String storeProductId) {
    final List<String> ids = productIdsForStoreId(appId, store, storeProductId);
    if (ids.size() > 1) {
      throw new ProblemException(ErrorCode.AMBIGUOUS_STORE_PRODUCT, "products " + String.join(" and ", ids) + " of "
          + appId + " all have " + StoreSkus.storeName(store) + " product id " + storeProductId
          + "; give the store product id to one product only (PUT /catalog/products)");
    }
    return ids.isEmpty() ? Optional.empty() : product(appId, ids.get(0));
  }

  /** The ids of the products of {@code appId} that have {@code storeProductId} for {@code store}, sorted. */
  public List<String> productIdsForStoreId(final String appId, final Store store, final String storeProductId) {
    final Set<String> ids = bySku.get(skuKey(appId, StoreSkus.storeName(store), storeProductId));
    return ids == null ? List.of() : List.copyOf(ids);
  }

  /**
   * Whether writing {@code candidate} would give one of its store product ids to two products.
   *
   * @param appId the app
   * @param candidate the product as it would be written (it replaces the product of the same id)
   * @return the first clash with another product of the app
   */
  public Optional<StoreSkus.Clash> clashWith(final String appId, final Product candidate) {
    for (final Map.Entry<String, String> e : new TreeMap<>(candidate.getStoreProductIds()).entrySet()) {
      final Set<String> owners = bySku.get(skuKey(appId, e.getKey(), e.getValue()));
      if (owners != null) {
        for (final String owner : owners) {
          if (!owner.equals(candidate.getProductId())) {
            return Optional.of(new StoreSkus.Clash(e.getKey(), e.getValue(), owner, candidate.getProductId()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a set of writes would leave two products with the same store product id.
   *
   * @param appId the app
   * @param written the products to write
   * @param replaceAll whether every product not in {@code written} is deleted as well
   * @return the first clash in the catalog as it would stand
   */
  public Optional<StoreSkus.Clash> clashAfter(final String appId, final Collection<Product> written,
                                              final boolean replaceAll) {
    final Map<String, Product> after = new HashMap<>();
    if (!replaceAll) {
      products(appId).forEach(p -> after.put(p.getProductId(), p));
    }
    written.forEach(p -> after.put(p.getProductId(), p));
    return StoreSkus.firstClash(after.values());
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

  /**
   * What auto-consuming one unit of a purchase credits: for each consumable item the grants give (permanent
   * items are not auto-consumed), that item's {@code onConsume} grants times its quantity, resolved like any
   * grants, so that an auto-consumed purchase gives exactly what buying then consuming gives. Empty when the
   * purchase is not auto-consumed.
   *
   * @param appId the app
   * @param grants the purchase's resolved grants per unit
   * @param autoConsume whether the purchase is auto-consumed
   * @return the onConsume grants per unit
   * @throws ProblemException 422 {@code AMOUNT_OVERFLOW} if they do not fit a long
   */
  public Grants onConsumeOf(final String appId, final Grants grants, final boolean autoConsume) {
    final Map<String, Long> currencies = new TreeMap<>();
    final Map<String, Long> items = new LinkedHashMap<>();
    if (autoConsume) {
      try {
        for (final ItemGrant grant : grants.getItems()) {
          final Optional<Item> item = grant.getConsumable() ? item(appId, grant.getItemId()) : Optional.empty();
          if (item.isPresent()) {
            final long times = grant.getQuantity();
            item.get().getOnConsume().getCurrencies().forEach((currency, amount) -> currencies.merge(currency, Math
                .multiplyExact(amount, times), Math::addExact));
            item.get().getOnConsume().getItems().forEach(i -> items.merge(i.getItemId(), Math.multiplyExact(i
                .getQuantity(), times), Math::addExact));
          }
        }
      } catch (final ArithmeticException e) {
        throw new ProblemException(422, "AMOUNT_OVERFLOW", "the auto-consumed items' onConsume grants overflow");
      }
    }
    return resolve(appId, CatalogJson.grants(currencies, items));
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
    final CatalogRecord previous = r.value() == null ? entries.remove(r.key()) : entries.put(r.key(), r.value());
    final String appId = CatalogKeys.appId(r.key());
    if (previous != null && previous.getEntry() instanceof Product old) {
      old.getStoreProductIds().forEach((store, sku) -> bySku.computeIfPresent(skuKey(appId, store, sku),
          (key, ids) -> without(ids, old.getProductId())));
    }
    if (r.value() != null && r.value().getEntry() instanceof Product now) {
      now.getStoreProductIds().forEach((store, sku) -> {
        final Set<String> ids = bySku.merge(skuKey(appId, store, sku), Set.of(now.getProductId()), CatalogView::union);
        if (ids.size() > 1) {
          LOG.warn("Catalog of {}: products {} share {} product id {}; its purchases are refused "
              + "(AMBIGUOUS_STORE_PRODUCT) until one product gives it up", appId, ids, store, sku);
        }
      });
    }
  }

  private static String skuKey(final String appId, final String store, final String sku) {
    return appId + "|" + store + "|" + sku;
  }

  private static Set<String> union(final Set<String> a, final Set<String> b) {
    final TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Collections.unmodifiableSortedSet(all);
  }

  /** The set without {@code id}; null (which removes the key) when nothing is left. */
  private static Set<String> without(final Set<String> ids, final String id) {
    final TreeSet<String> rest = new TreeSet<>(ids);
    rest.remove(id);
    return rest.isEmpty() ? null : Collections.unmodifiableSortedSet(rest);
  }

  @Override
  public void close() {
    follower.close();
  }
}
