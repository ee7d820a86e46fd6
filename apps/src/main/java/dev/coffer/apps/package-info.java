/**
 * Tenancy shared by every Coffer HTTP service (the ingest gateway and projections): the apps
 * configuration ({@link dev.coffer.apps.Apps}, loaded from YAML and validated against the JSON Schema
 * {@code apps.schema.json}), API keys stored as SHA-256 hashes and compared in constant time
 * ({@link dev.coffer.apps.ApiKeys}), the app's keyed pseudonyms ({@link dev.coffer.apps.Pseudonyms}), the
 * wrapping of its players' data keys ({@link dev.coffer.apps.DataKeys}, {@link dev.coffer.apps.Aead}) and
 * player tokens ({@link dev.coffer.apps.PlayerTokens}).
 *
 * <p>Adding a setting to the apps file: one component on the record it belongs to (e.g. a new
 * store's record on {@link dev.coffer.apps.StoreSettings}; mark a secret {@code @Secret(minBytes = N)},
 * an RSA key {@code @RsaPublicKey}) and one described property in {@code apps.schema.json}.
 * {@code AppsSchemaTest} fails when the two disagree or a property has no description.
 */
package dev.coffer.apps;
