package dev.coffer.ledger;

import java.util.List;

/**
 * The names of the ledger's state stores (each backed by a changelog topic
 * {@code <application.id>-<store>-changelog}). Values are deterministic bytes (a canonical encoding
 * beside each record), so a replay into an empty application yields byte-identical stores.
 */
public final class LedgerStores {
  /**
   * Receipt key ({@code appId|receipt|<store>|<transactionId>}) to the event that first used it, its
   * fingerprint and its player. The receipt stage's only store; keys never expire.
   */
  public static final String RECEIPTS = "receipts";
  /**
   * Player key to the player's hot state: version, purchase count, erased flag, balances and active
   * instances. One value per player, rewritten once per applied event.
   */
  public static final String PLAYER_STATE = "player-state";
  /**
   * {@code <player key>|<dedupe key>} to what the fold kept of the event it decided with that key
   * (fingerprint, outcome, and for a purchase its record): how a player-scoped key is deduped and how a
   * DUPLICATE is answered with the original's outcome, at any distance in time. Lives in the player's
   * partition; one player's entries are one key range.
   */
  public static final String PLAYER_EVENTS = "player-events";

  /**
   * {@code appId|lookup} to the player directory's entry: an ACTIVE player's random ref and wrapped data
   * key, or an ERASED marker. Not replayed from a log (see the directory stage); its changelog is
   * compacted within a day so an erased player's ref leaves it.
   */
  public static final String PLAYER_DIRECTORY = "player-directory";

  /** Every store, in topology order. */
  public static final List<String> ALL = List.of(RECEIPTS, PLAYER_STATE, PLAYER_EVENTS, PLAYER_DIRECTORY);

  private LedgerStores() {
  }
}
