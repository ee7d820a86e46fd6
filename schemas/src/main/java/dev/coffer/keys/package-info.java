/**
 * The keys of Coffer's records, built and parsed in one place: dedupe keys ({@link
 * dev.coffer.keys.DedupeKey}) and player keys ({@link dev.coffer.keys.PlayerKey}).
 */
package dev.coffer.keys;
