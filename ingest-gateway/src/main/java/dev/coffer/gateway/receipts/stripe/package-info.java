/**
 * Stripe webhooks (web purchases): events verified with Stripe's signing scheme through {@code stripe-java}'s
 * {@code Webhook}, then read as plain JSON.
 */
package dev.coffer.gateway.receipts.stripe;
