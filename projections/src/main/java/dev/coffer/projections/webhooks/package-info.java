/** Webhooks: signed, retried with backoff, parked in a dead-letter topic, progress committed after each. */
package dev.coffer.projections.webhooks;
