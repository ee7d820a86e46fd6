package dev.coffer.client.model;

import java.util.List;

/**
 * One page of a player's ledger history, newest first.
 *
 * @param appId the app
 * @param playerId the player
 * @param version the player's version the answer reflects
 * @param entries the page, newest first
 * @param nextCursor the cursor of the next (older) page; {@code null} on the last page
 */
public record LedgerPage(String appId, String playerId, long version, List<LedgerEntry> entries,
                         String nextCursor) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public LedgerPage {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
