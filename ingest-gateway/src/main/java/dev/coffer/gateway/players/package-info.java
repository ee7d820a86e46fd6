/**
 * A game server's requests about one player: grants, spends, consumes and erasure, each turned
 * into a ledger event keyed {@code appId|player|<playerRef>|<idempotencyKey>}.
 */
package dev.coffer.gateway.players;
