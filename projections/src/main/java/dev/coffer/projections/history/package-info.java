/** The ledger history read model: every change of a player with its cause and version, paged by cursor. */
package dev.coffer.projections.history;
