package dev.coffer.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.client.model.CatalogContents;
import dev.coffer.client.model.CatalogImportResult;
import dev.coffer.client.model.Item;
import dev.coffer.client.model.Product;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The app's catalog on the gateway (server key), under {@code /v1/apps/{appId}/catalog}. Writes are checked
 * whole: a store product id may belong to one product only (409 {@code DUPLICATE_STORE_PRODUCT_ID}, nothing
 * written).
 */
public final class CatalogApi {
  private final String catalog;
  private final Transport transport;

  CatalogApi(final String appId, final Transport transport) {
    this.catalog = "/v1/apps/" + Transport.segment(appId) + "/catalog";
    this.transport = transport;
  }

  /** Every product, by id. */
  public List<Product> products() {
    return transport.answer(get("/products"), body -> read(body, "products", Product.class), null);
  }

  /** The product, if there is one. */
  public Optional<Product> product(final String productId) {
    return transport.find(get("/products/" + Transport.segment(productId)),
        body -> transport.json.read(body, Product.class), "NOT_FOUND");
  }

  /** Creates or replaces a product; answers it as stored. */
  public Product putProduct(final Product product) {
    return transport.json(put("/products/" + Transport.segment(product.productId()), product), Product.class);
  }

  /** Deletes a product; {@code false} if there was none. */
  public boolean deleteProduct(final String productId) {
    return transport.succeeds(delete("/products/" + Transport.segment(productId)), "NOT_FOUND");
  }

  /** Every item, by id. */
  public List<Item> items() {
    return transport.answer(get("/items"), body -> read(body, "items", Item.class), null);
  }

  /** The item, if there is one. */
  public Optional<Item> item(final String itemId) {
    return transport.find(get("/items/" + Transport.segment(itemId)), body -> transport.json.read(body, Item.class),
        "NOT_FOUND");
  }

  /** Creates or replaces an item; answers it as stored. */
  public Item putItem(final Item item) {
    return transport.json(put("/items/" + Transport.segment(item.itemId()), item), Item.class);
  }

  /** Deletes an item; {@code false} if there was none. */
  public boolean deleteItem(final String itemId) {
    return transport.succeeds(delete("/items/" + Transport.segment(itemId)), "NOT_FOUND");
  }

  /** The whole catalog. */
  public CatalogContents export() {
    return transport.json(get("/export"), CatalogContents.class);
  }

  /** The whole catalog as CSV (header {@code kind,id,productType,storeProductIds,grants,...}). */
  public String exportCsv() {
    return transport.answer(get("/export?format=csv"), body -> new String(body, StandardCharsets.UTF_8), null);
  }

  /**
   * Creates or replaces every product and item of {@code contents}; with {@code replace}, deletes the rest.
   * Validated whole before anything is written.
   */
  public CatalogImportResult importCatalog(final CatalogContents contents, final boolean replace) {
    return importBody(transport.json.bytes(contents), "application/json", replace);
  }

  /** Imports a catalog in the export's JSON shape, as text ({@code {"products": [...], "items": [...]}}). */
  public CatalogImportResult importJson(final String json, final boolean replace) {
    return importBody(json.getBytes(StandardCharsets.UTF_8), "application/json", replace);
  }

  /** Imports a catalog as CSV text (the export's columns). */
  public CatalogImportResult importCsv(final String csv, final boolean replace) {
    return importBody(csv.getBytes(StandardCharsets.UTF_8), "text/csv", replace);
  }

  private CatalogImportResult importBody(final byte[] body, final String type, final boolean replace) {
    return transport.json(new Transport.Call("POST", Transport.Service.GATEWAY, catalog + "/import?replace=" + replace,
        body, type, null, Transport.Follow.NONE, List.of()), CatalogImportResult.class);
  }

  private <T> List<T> read(final byte[] body, final String field, final Class<T> type) {
    final JsonNode list = transport.json.treeOrEmpty(body).path(field);
    return list.isArray() ? transport.json.convert(list, transport.json.listOf(type)) : List.of();
  }

  private Transport.Call get(final String path) {
    return Transport.Call.get(Transport.Service.GATEWAY, catalog + path);
  }

  private Transport.Call put(final String path, final Object value) {
    return new Transport.Call("PUT", Transport.Service.GATEWAY, catalog + path, transport.json.bytes(value),
        "application/json", null, Transport.Follow.NONE, List.of());
  }

  private Transport.Call delete(final String path) {
    return new Transport.Call("DELETE", Transport.Service.GATEWAY, catalog + path, null, null, null,
        Transport.Follow.NONE, List.of());
  }
}
