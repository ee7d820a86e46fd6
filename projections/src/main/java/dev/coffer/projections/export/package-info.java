/**
 * The GDPR export of a player ({@link dev.coffer.projections.export.PlayerExport}): the read models with
 * each event's sealed details opened under the player's data key.
 */
package dev.coffer.projections.export;
