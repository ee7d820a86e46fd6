/**
 * Each app's catalog of products and items: the compacted topic {@code coffer.catalog} read into
 * memory ({@link dev.coffer.gateway.catalog.CatalogView}), written through {@link
 * dev.coffer.gateway.catalog.CatalogWriter}, and its JSON and CSV forms.
 */
package dev.coffer.gateway.catalog;
