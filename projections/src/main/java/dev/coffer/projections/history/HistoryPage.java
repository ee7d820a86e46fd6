package dev.coffer.projections.history;

import java.util.List;

/**
 * One page of a player's ledger history, newest first.
 *
 * @param entries the entries of the page
 * @param nextCursor the cursor of the next (older) page, or {@code null} on the last page
 */
public record HistoryPage(List<HistoryEntry> entries, String nextCursor) {
  public HistoryPage {
    entries = List.copyOf(entries);
  }
}
