/** Event outcomes: the ledger's answer to each submitted event, looked up by eventId. */
package dev.coffer.projections.outcomes;
