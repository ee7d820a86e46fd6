package dev.coffer.projections.http;

import dev.coffer.keys.PurchaseIndexKey;
import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.service.auth.AuthCode;
import dev.coffer.service.auth.InternalToken;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.purchases.IndexedPurchase;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Objects;

/**
 * The purchase index, for the gateway's store notifications: which player a store purchase belongs to,
 * by any id the store names it by. Internal: only the holder of {@code internal.token} may ask.
 */
final class PurchaseIndexReads {
  private final InteractiveQueries queries;
  private final PlayerRouting routing;
  private final InternalToken token;

  /**
   * @param token the internal token, or {@code null}: every request is refused
   */
  PurchaseIndexReads(final InteractiveQueries queries, final PlayerRouting routing, final InternalToken token) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.routing = Objects.requireNonNull(routing, "routing");
    this.token = token;
  }

  /**
   * {@code GET /internal/v1/apps/{appId}/purchase-index/{store}/{storeId}}: the purchase {@code storeId}
   * (a transaction id, purchase token or original transaction id) of {@code store} names in the app,
   * routed to the instance that owns its key.
   *
   * <p>200 {@code IndexedPurchase}; 401 {@code UNAUTHENTICATED} without the internal token (always, when
   * {@code internal.token} is not set); 400 {@code BAD_STORE} for a store Coffer does not know; 404
   * {@code PURCHASE_NOT_INDEXED} when the ledger has applied no such purchase (yet: the index trails the
   * ledger by milliseconds); 503 {@code REBALANCING}, {@code OWNER_UNREACHABLE} with {@code Retry-After}.
   */
  void lookup(final Context ctx) {
    if (token == null) {
      throw new ProblemException(AuthCode.UNAUTHENTICATED,
          "internal endpoints are off on this instance: internal.token is not set");
    }
    token.check(ctx.header("Authorization"));
    final String appId = ctx.pathParam("appId");
    final Store store = store(ctx.pathParam("store"));
    final String storeId = ctx.pathParam("storeId");
    final String key = PurchaseIndexKey.of(appId, store, storeId);
    routing.serve(ctx, ProjectionStores.PURCHASE_INDEX, key, partition -> {
      final PurchaseIndexEntry entry = queries.get(ProjectionStores.PURCHASE_INDEX, partition, key);
      if (entry == null) {
        throw new ProblemException(404, "PURCHASE_NOT_INDEXED", "no purchase of " + store + " id " + storeId
            + " in app " + appId);
      }
      return IndexedPurchase.of(entry);
    });
  }

  private static Store store(final String name) {
    try {
      final Store store = Store.valueOf(name);
      if (store == Store.UNKNOWN) {
        throw new IllegalArgumentException(name);
      }
      return store;
    } catch (final IllegalArgumentException e) {
      throw new ProblemException(400, "BAD_STORE", "store must be a known store, not UNKNOWN, one of " + Arrays
          .toString(Store.values())
          + ", not " + name);
    }
  }
}
