/**
 * The dead letters the console shows: the ledger's ({@code coffer.ledger-dead-letters}, records it could
 * not decode or that broke a rule of the format, reasons in headers) and the webhooks'
 * ({@code coffer.projections-webhook-dead-letters}), read on request from the end of their topics, a
 * bounded number of records back.
 */
package dev.coffer.projections.deadletters;
