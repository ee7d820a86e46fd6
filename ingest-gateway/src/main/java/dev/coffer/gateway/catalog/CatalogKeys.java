package dev.coffer.gateway.catalog;

/** Keys of {@code coffer.catalog}: {@code appId|product|<productId>} and {@code appId|item|<itemId>}. */
public final class CatalogKeys {
  private CatalogKeys() {
  }

  /** The key of a product. */
  public static String product(final String appId, final String productId) {
    return appId + "|product|" + productId;
  }

  /** The key of an item. */
  public static String item(final String appId, final String itemId) {
    return appId + "|item|" + itemId;
  }

  /** The app id a key starts with. */
  static String appId(final String key) {
    final int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }
}
