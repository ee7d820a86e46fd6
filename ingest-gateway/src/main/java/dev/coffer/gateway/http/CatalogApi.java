package dev.coffer.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.catalog.CatalogCsv;
import dev.coffer.gateway.catalog.CatalogJson;
import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.catalog.CatalogWriter;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.KafkaUnavailableException;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The catalog API: products and items of an app, one by one or as a whole (JSON and CSV). Server keys
 * only. Writes return once this gateway's view shows them.
 */
final class CatalogApi {
  private static final int MAX_ENTRIES = 10_000;
  private final Access access;
  private final CatalogView view;
  private final CatalogWriter writer;
  private final long maxBody;
  private final long maxBulkBody;
  // Apps are configured at start, so this holds one lock per configured app at most.
  private final ConcurrentMap<String, ReentrantLock> appLocks = new ConcurrentHashMap<>();

  CatalogApi(final Access access, final CatalogView view, final CatalogWriter writer, final long maxBody,
             final long maxBulkBody) {
    this.access = access;
    this.view = view;
    this.writer = writer;
    this.maxBody = maxBody;
    this.maxBulkBody = maxBulkBody;
  }

  /** {@code GET /v1/apps/{appId}/catalog/products}: {@code {"products": [...]}}, by product id. */
  void listProducts(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    Replies.json(ctx, withArray(JsonNodeFactory.instance.objectNode(), "products", view.products(caller.appId()),
        CatalogJson::productNode));
  }

  /** {@code GET /v1/apps/{appId}/catalog/products/{productId}}: the product, or 404 {@code NOT_FOUND}. */
  void getProduct(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String id = JsonBody.pathId("productId", ctx.pathParam("productId"));
    Replies.json(ctx, CatalogJson.productNode(found(view.product(caller.appId(), id), "product", id)));
  }

  /**
   * {@code PUT /v1/apps/{appId}/catalog/products/{productId}}: creates or replaces a product. Body: the
   * product's JSON ({@code productType}, {@code storeProductIds}, {@code grants}, {@code autoConsume},
   * {@code displayName}). 200 with the product; 409 {@code DUPLICATE_STORE_PRODUCT_ID} when another product
   * has one of its store product ids; 503 {@code KAFKA_UNAVAILABLE} if not recorded.
   */
  void putProduct(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String id = JsonBody.pathId("productId", ctx.pathParam("productId"));
    final Product product = CatalogJson.product(Bodies.json(ctx, maxBody), id);
    underAppLock(caller.appId(), () -> {
      view.clashWith(caller.appId(), product).ifPresent(clash -> {
        throw clash.problem();
      });
      write(() -> writer.put(caller.appId(), product));
    });
    Replies.json(ctx, CatalogJson.productNode(product));
  }

  /** {@code DELETE /v1/apps/{appId}/catalog/products/{productId}}: deletes a product; 204, or 404. */
  void deleteProduct(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String id = JsonBody.pathId("productId", ctx.pathParam("productId"));
    found(view.product(caller.appId(), id), "product", id);
    write(() -> writer.deleteProduct(caller.appId(), id));
    ctx.status(204);
  }

  /** {@code GET /v1/apps/{appId}/catalog/items}: {@code {"items": [...]}}, by item id. */
  void listItems(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    Replies.json(ctx, withArray(JsonNodeFactory.instance.objectNode(), "items", view.items(caller.appId()),
        CatalogJson::itemNode));
  }

  /** {@code GET /v1/apps/{appId}/catalog/items/{itemId}}: the item, or 404 {@code NOT_FOUND}. */
  void getItem(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String id = JsonBody.pathId("itemId", ctx.pathParam("itemId"));
    Replies.json(ctx, CatalogJson.itemNode(found(view.item(caller.appId(), id), "item", id)));
  }

  /**
   * {@code PUT /v1/apps/{appId}/catalog/items/{itemId}}: creates or replaces an item. Body:
   * {@code consumable}, optional {@code stackable} (default true), {@code onConsume}, {@code displayName}.
   */
  void putItem(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String id = JsonBody.pathId("itemId", ctx.pathParam("itemId"));
    final Item item = CatalogJson.item(Bodies.json(ctx, maxBody), id);
    write(() -> writer.put(caller.appId(), item));
    Replies.json(ctx, CatalogJson.itemNode(item));
  }

  /** {@code DELETE /v1/apps/{appId}/catalog/items/{itemId}}: deletes an item; 204, or 404. */
  void deleteItem(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String id = JsonBody.pathId("itemId", ctx.pathParam("itemId"));
    found(view.item(caller.appId(), id), "item", id);
    write(() -> writer.deleteItem(caller.appId(), id));
    ctx.status(204);
  }

  /**
   * {@code GET /v1/apps/{appId}/catalog/export?format=json|csv}: the whole catalog, as
   * {@code {"products": [...], "items": [...]}} (default) or as one CSV table ({@link CatalogCsv}).
   */
  void export(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    final List<Product> products = view.products(caller.appId());
    final List<Item> items = view.items(caller.appId());
    switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> Replies.json(ctx, withArray(withArray(JsonNodeFactory.instance.objectNode(),
          "products", products, CatalogJson::productNode), "items", items, CatalogJson::itemNode));
      case "csv" -> ctx.contentType("text/csv; charset=utf-8").result(CatalogCsv.write(products, items));
      default -> throw JsonBody.invalid("format", "must be json or csv");
    }
  }

  /**
   * {@code POST /v1/apps/{appId}/catalog/import?replace=false}: creates or replaces every product and
   * item of the body, as JSON ({@code application/json}, the export's shape) or CSV ({@code text/csv}).
   * The whole body is validated before anything is written. With {@code replace=true}, entries not in
   * the body are deleted. 200 {@code {"products": n, "items": n, "deleted": n}}; 409
   * {@code DUPLICATE_STORE_PRODUCT_ID} (nothing written) when the catalog as it would stand gives one store
   * product id to two products.
   */
  void importCatalog(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    final boolean replace = "true".equals(ctx.queryParam("replace"));
    final List<Product> products = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    if (type.startsWith("text/csv")) {
      final CatalogCsv.Table table = CatalogCsv.read(new String(Bodies.bytes(ctx, maxBulkBody),
          StandardCharsets.UTF_8));
      products.addAll(table.products());
      items.addAll(table.items());
    } else if (type.startsWith("application/json")) {
      final JsonBody body = JsonBody.parse(Bodies.bytes(ctx, maxBulkBody)).only("products", "items");
      for (final String kind : List.of("products", "items")) {
        final JsonNode list = body.node().get(kind);
        if (list == null || list.isNull()) {
          continue;
        }
        if (!list.isArray() || list.size() > MAX_ENTRIES) {
          throw JsonBody.invalid(kind, "must be an array of at most " + MAX_ENTRIES + " entries");
        }
        for (int n = 0; n < list.size(); n++) {
          final JsonBody entry = JsonBody.of(list.get(n), kind + "[" + n + "]");
          if (kind.equals("products")) {
            products.add(CatalogJson.product(entry, null));
          } else {
            items.add(CatalogJson.item(entry, null));
          }
        }
      }
    } else {
      throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "import reads application/json or text/csv");
    }
    final Set<String> productIds = distinctIds(products, Product::getProductId, "products", "product");
    final Set<String> itemIds = distinctIds(items, Item::getItemId, "items", "item");
    final int[] deleted = new int[1];
    underAppLock(caller.appId(), () -> {
      // The catalog as it will stand must give each store product id to one product; while the entries
      // are written one by one a SKU may briefly have two owners, and its purchases are refused meanwhile.
      view.clashAfter(caller.appId(), products, replace).ifPresent(clash -> {
        throw clash.problem();
      });
      for (final Product p : products) {
        write(() -> writer.put(caller.appId(), p));
      }
      for (final Item i : items) {
        write(() -> writer.put(caller.appId(), i));
      }
      // Deletions come last, so a failed import never leaves the catalog with fewer entries than before.
      deleted[0] = !replace ? 0
          : deleteOthers(view.products(caller.appId()), Product::getProductId, productIds,
              id -> writer.deleteProduct(caller.appId(), id))
              + deleteOthers(view.items(caller.appId()), Item::getItemId, itemIds,
                  id -> writer.deleteItem(caller.appId(), id));
    });
    Replies.json(ctx, JsonNodeFactory.instance.objectNode().put("products", products.size())
        .put("items", items.size()).put("deleted", deleted[0]));
  }

  /**
   * Runs a check-then-write of one app's products under that app's lock, so two writes through this
   * gateway cannot both pass the store product id check. Writers on other gateways can still race; then
   * the catalog view refuses the shared SKU's purchases ({@code AMBIGUOUS_STORE_PRODUCT}) until it is fixed.
   */
  private void underAppLock(final String appId, final Runnable checkAndWrite) {
    final ReentrantLock lock = appLocks.computeIfAbsent(appId, id -> new ReentrantLock());
    lock.lock();
    try {
      checkAndWrite.run();
    } finally {
      lock.unlock();
    }
  }

  /** The entry, or 404 {@code NOT_FOUND} naming it. */
  private static <T> T found(final Optional<T> entry, final String kind, final String id) {
    return entry.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "no " + kind + " " + id));
  }

  /** Adds {@code entries} to {@code body} as the array {@code field}; returns {@code body}. */
  private static <T> ObjectNode withArray(final ObjectNode body, final String field, final List<T> entries,
                                          final Function<T, ObjectNode> node) {
    final ArrayNode array = body.putArray(field);
    entries.forEach(e -> array.add(node.apply(e)));
    return body;
  }

  /** The ids of {@code entries}; 400 if the body names one twice. */
  private static <T> Set<String> distinctIds(final List<T> entries, final Function<T, String> id, final String field,
                                             final String kind) {
    final Set<String> ids = new HashSet<>();
    for (final T entry : entries) {
      if (!ids.add(id.apply(entry))) {
        throw JsonBody.invalid(field, "name " + kind + " " + id.apply(entry) + " twice");
      }
    }
    return ids;
  }

  /** Deletes every current entry whose id is not in {@code keep}; returns how many. */
  private static <T> int deleteOthers(final List<T> current, final Function<T, String> id, final Set<String> keep,
                                      final Consumer<String> delete) {
    int deleted = 0;
    for (final T entry : current) {
      final String entryId = id.apply(entry);
      if (!keep.contains(entryId)) {
        write(() -> delete.accept(entryId));
        deleted++;
      }
    }
    return deleted;
  }

  private static void write(final Runnable write) {
    try {
      write.run();
    } catch (final KafkaUnavailableException e) {
      throw Submit.failure(e);
    }
  }
}
