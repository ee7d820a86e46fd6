/**
 * The App Store (StoreKit 2): signed transactions and App Store Server Notifications v2, verified offline with
 * Apple's own {@code SignedDataVerifier} against configured root certificates.
 */
package dev.coffer.gateway.receipts.apple;
