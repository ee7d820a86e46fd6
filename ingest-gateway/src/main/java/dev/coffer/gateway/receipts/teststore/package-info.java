/**
 * The {@code test} store: HMAC-SHA256-signed receipts for local use and demos, enabled per app by a secret.
 * {@link dev.coffer.gateway.receipts.teststore.TestReceipts} documents the format and signs receipts.
 */
package dev.coffer.gateway.receipts.teststore;
