package dev.coffer.ledger;

import java.util.List;

/**
 * The names of the ledger's state stores (each backed by a changelog topic
 * {@code <application.id>-<store>-changelog}). Values are deterministic bytes (a canonical
 * encoding, see {@code dev.coffer.ledger.store}), so a replay into an empty application yields
 * byte-identical stores.
 */
public final class LedgerStores {
  /** Dedupe key to the original eventId, content fingerprint and player ref. Keyed by dedupe key. */
  public static final String DEDUPE_KEYS = "dedupe-keys";
  /** Player key to the player's balances. */
  public static final String WALLETS = "wallets";
  /** Player key to the player's item instances and the purchases that created them. */
  public static final String INVENTORIES = "inventories";
  /** Player key to the player's version, purchase count and erasure flag. */
  public static final String PLAYERS = "players";
  /**
   * {@code appId|playerRef|eventId} to the outcome of every event the fold decided (applied or
   * rejected): what a DUPLICATE answers with, at any distance in time.
   */
  public static final String PLAYER_LOG = "player-log";

  /** Every store, in topology order. */
  public static final List<String> ALL = List.of(DEDUPE_KEYS, WALLETS, INVENTORIES, PLAYERS, PLAYER_LOG);

  private LedgerStores() {
  }
}
