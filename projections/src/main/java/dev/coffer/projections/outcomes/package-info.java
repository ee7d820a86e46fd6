/** Event outcomes as plain values: the read models' input, turned from the ledger's Avro records. */
package dev.coffer.projections.outcomes;
