/**
 * Tenancy shared by every Coffer HTTP service (the ingest gateway and projections): the apps
 * configuration ({@link dev.coffer.apps.Apps}, loaded and validated from YAML), API keys stored as
 * SHA-256 hashes and compared in constant time ({@link dev.coffer.apps.ApiKeys}), player refs
 * ({@link dev.coffer.apps.PlayerRefs}) and player tokens ({@link dev.coffer.apps.PlayerTokens}).
 */
package dev.coffer.apps;
