package dev.coffer.client.model;

/**
 * What a catalog import wrote.
 *
 * @param products products created or replaced
 * @param items items created or replaced
 * @param deleted entries deleted (with {@code replace})
 */
public record CatalogImportResult(int products, int items, int deleted) {
}
