/**
 * Google Play and Cafe Bazaar: signed purchase data (SHA1withRSA over the exact {@code purchaseData} bytes) and
 * Google Play's real-time developer notifications (Pub/Sub push).
 */
package dev.coffer.gateway.receipts.google;
