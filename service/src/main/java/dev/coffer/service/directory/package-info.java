/**
 * The player directory's client ({@link dev.coffer.service.directory.PlayerDirectory}): external player
 * ids to random refs and data keys, through the ledger's directory stage, with a bounded cache.
 */
package dev.coffer.service.directory;
