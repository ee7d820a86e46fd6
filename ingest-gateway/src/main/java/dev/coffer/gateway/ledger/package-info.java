/**
 * The gateway's side of the ledger: producing events and catalog records ({@link
 * dev.coffer.gateway.ledger.RecordSender}), and waiting for each event's outcome on
 * {@code coffer.ledger-outcomes} ({@link dev.coffer.gateway.ledger.OutcomeWaiter}).
 */
package dev.coffer.gateway.ledger;
