/**
 * Offline verification of store receipts and store notifications.
 *
 * <p>Each store has a verifier in its own sub-package ({@code google} for Google Play and Cafe Bazaar,
 * {@code apple} for the App Store, {@code teststore} for local use) that takes its settings as a plain record,
 * validated at construction, and returns a {@link dev.coffer.gateway.receipts.VerifiedReceipt} or throws a
 * {@link dev.coffer.gateway.receipts.ReceiptRejectedException} whose
 * {@link dev.coffer.gateway.receipts.RejectionCode} names the exact cause. No verifier calls the network.
 */
package dev.coffer.gateway.receipts;
