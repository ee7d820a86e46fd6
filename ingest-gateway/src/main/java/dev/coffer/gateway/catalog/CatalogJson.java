package dev.coffer.gateway.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.apps.InitialCatalog;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import dev.coffer.schemas.ledger.ProductType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON form of catalog entries and grants, both ways.
 *
 * <pre>{@code
 * product: {"productId": "gems_100", "productType": "CONSUMABLE", "storeProductIds": {"google_play": "gems.100"},
 *           "grants": {"currencies": {"gems": 100}, "items": {"sword": 1}}, "autoConsume": false,
 *           "displayName": "100 gems"}
 * item:    {"itemId": "potion", "consumable": true, "stackable": true, "onConsume": {"currencies": {"hp": 5}},
 *           "displayName": "Potion"}
 * }</pre>
 */
public final class CatalogJson {
  /** Store names as they appear in requests and {@code storeProductIds}. */
  public static final Set<String> STORE_NAMES = Set.of("google_play", "apple_app_store", "cafe_bazaar", "test",
      "huawei_appgallery", "stripe");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_GRANT_ENTRIES = 100;

  private CatalogJson() {
  }

  /** Reads grants: {@code {"currencies": {code: amount}, "items": {itemId: quantity}}}. */
  public static Grants grants(final JsonBody body) {
    body.only("currencies", "items");
    final Map<String, Long> currencies = body.amounts("currencies", MAX_GRANT_ENTRIES);
    final Map<String, Long> items = body.amounts("items", MAX_GRANT_ENTRIES);
    return grants(currencies, items);
  }

  /** Grants from maps (items in their order). */
  public static Grants grants(final Map<String, Long> currencies, final Map<String, Long> items) {
    final List<ItemGrant> list = new ArrayList<>();
    items.forEach((id, quantity) -> list.add(ItemGrant.newBuilder().setItemId(id).setQuantity(quantity).build()));
    return Grants.newBuilder().setCurrencies(new HashMap<>(currencies)).setItems(list).build();
  }

  /** Whether grants give nothing. */
  public static boolean empty(final Grants grants) {
    return grants.getCurrencies().isEmpty() && grants.getItems().isEmpty();
  }

  /** The JSON of grants. */
  public static ObjectNode grantsNode(final Grants grants) {
    final ObjectNode node = NODES.objectNode();
    final ObjectNode currencies = node.putObject("currencies");
    new TreeMap<>(grants.getCurrencies()).forEach(currencies::put);
    final ObjectNode items = node.putObject("items");
    grants.getItems().forEach(i -> items.put(i.getItemId(), i.getQuantity()));
    return node;
  }

  /** Reads a product; {@code productId}, when given in the path, must match the body's if it has one. */
  public static Product product(final JsonBody body, final String pathProductId) {
    body.only("productId", "productType", "storeProductIds", "grants", "autoConsume", "displayName");
    final String productId = body.has("productId") ? body.id("productId") : pathProductId;
    if (productId == null) {
      body.id("productId");
    }
    if (pathProductId != null && !pathProductId.equals(productId)) {
      throw JsonBody.invalid("productId", "differs from the path's product id");
    }
    final String type = body.text("productType", 20).toUpperCase(Locale.ROOT);
    final ProductType productType;
    try {
      productType = ProductType.valueOf(type);
    } catch (final IllegalArgumentException e) {
      throw JsonBody.invalid("productType", "must be CONSUMABLE, NON_CONSUMABLE or SUBSCRIPTION");
    }
    final Map<String, String> storeIds = new LinkedHashMap<>();
    if (body.has("storeProductIds")) {
      final JsonBody stores = body.object("storeProductIds");
      for (final Iterator<String> it = stores.node().fieldNames(); it.hasNext();) {
        final String store = it.next();
        if (!STORE_NAMES.contains(store)) {
          throw JsonBody.invalid(stores.at(store),
              "is not a store; use google_play, apple_app_store, cafe_bazaar, huawei_appgallery, stripe or test");
        }
        storeIds.put(store, stores.text(store, 200));
      }
    }
    final Grants grants = grants(body.object("grants"));
    if (empty(grants)) {
      throw JsonBody.invalid("grants", "must give at least one currency amount or item");
    }
    final Boolean autoConsume = body.optionalBoolean("autoConsume");
    return Product.newBuilder().setProductId(productId).setProductType(productType)
        .setStoreProductIds(new HashMap<>(storeIds)).setGrants(grants)
        .setAutoConsume(autoConsume != null && autoConsume)
        .setDisplayName(body.optionalText("displayName", 200)).build();
  }

  /** Reads an item; {@code itemId}, when given in the path, must match the body's if it has one. */
  public static Item item(final JsonBody body, final String pathItemId) {
    body.only("itemId", "consumable", "stackable", "onConsume", "displayName");
    final String itemId = body.has("itemId") ? body.id("itemId") : pathItemId;
    if (itemId == null) {
      body.id("itemId");
    }
    if (pathItemId != null && !pathItemId.equals(itemId)) {
      throw JsonBody.invalid("itemId", "differs from the path's item id");
    }
    final Boolean consumable = body.optionalBoolean("consumable");
    if (consumable == null) {
      throw new ProblemException(ErrorCode.MISSING_FIELD, "consumable is required");
    }
    final Boolean stackable = body.optionalBoolean("stackable");
    return Item.newBuilder().setItemId(itemId).setConsumable(consumable)
        .setStackable(stackable == null || stackable)
        .setOnConsume(body.has("onConsume") ? grants(body.object("onConsume")) : grants(Map.of(), Map.of()))
        .setDisplayName(body.optionalText("displayName", 200)).build();
  }

  /** The JSON of a product. */
  public static ObjectNode productNode(final Product p) {
    final ObjectNode node = NODES.objectNode();
    node.put("productId", p.getProductId());
    node.put("productType", p.getProductType().name());
    final ObjectNode stores = node.putObject("storeProductIds");
    new TreeMap<>(p.getStoreProductIds()).forEach(stores::put);
    node.set("grants", grantsNode(p.getGrants()));
    node.put("autoConsume", p.getAutoConsume());
    if (p.getDisplayName() != null) {
      node.put("displayName", p.getDisplayName());
    }
    return node;
  }

  /** The JSON of an item. */
  public static ObjectNode itemNode(final Item i) {
    final ObjectNode node = NODES.objectNode();
    node.put("itemId", i.getItemId());
    node.put("consumable", i.getConsumable());
    node.put("stackable", i.getStackable());
    node.set("onConsume", grantsNode(i.getOnConsume()));
    if (i.getDisplayName() != null) {
      node.put("displayName", i.getDisplayName());
    }
    return node;
  }

  /** A product of the apps file. */
  public static Product product(final InitialCatalog.Product p) {
    return Product.newBuilder().setProductId(p.productId()).setProductType(p.productType())
        .setStoreProductIds(new HashMap<>(p.storeProductIds()))
        .setGrants(grants(p.grants().currencies(), p.grants().items()))
        .setAutoConsume(p.autoConsume()).setDisplayName(p.displayName()).build();
  }

  /** An item of the apps file. */
  public static Item item(final InitialCatalog.Item i) {
    return Item.newBuilder().setItemId(i.itemId()).setConsumable(i.consumable()).setStackable(i.stackable())
        .setOnConsume(grants(i.onConsume().currencies(), i.onConsume().items()))
        .setDisplayName(i.displayName()).build();
  }
}
