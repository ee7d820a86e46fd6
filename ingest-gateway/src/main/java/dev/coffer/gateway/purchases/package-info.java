/**
 * Store purchases: the app's receipt verifiers ({@link dev.coffer.gateway.purchases.AppStores}) and
 * turning a verified receipt plus the catalog (or a server's dynamic grants) into a
 * {@code PurchaseVerified} event ({@link dev.coffer.gateway.purchases.PurchaseRequests}).
 */
package dev.coffer.gateway.purchases;
