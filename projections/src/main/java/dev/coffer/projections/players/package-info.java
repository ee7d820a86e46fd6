/** Per-player state of the read models: versions, erasure, the fold of outcomes into views, version waits. */
package dev.coffer.projections.players;
