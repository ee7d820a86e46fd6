/** The live feed of each player's changes behind server-sent events. */
package dev.coffer.projections.changes;
